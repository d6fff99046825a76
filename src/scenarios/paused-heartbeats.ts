/**
 * Heartbeats from an active that freezes in garbage-collection pauses, for lesson 09: an active node A sends a
 * heartbeat to a standby S every `intervalMs` over a jittery link, S asks a monitor every `CHECK_EVERY_MS`
 * whether to take over, and A freezes — alive, but silent — a few times and later crashes. The heartbeat-slo
 * exercise runs it with a fixed rule and the learner's numbers, the standby-monitor exercise with the learner's
 * adaptive monitor on several networks.
 *
 * The story makes the narrow windows happen rather than hoping for them: each pause begins a few milliseconds
 * before A's next heartbeat is due, so the gap it leaves is nearly the pause plus a whole interval, and the
 * crash comes 1 ms after a heartbeat went out, so the silence S must sit through before it may act is as long
 * as it can be. What A sends does not depend on S, so the heartbeats S hears are the same whatever its monitor
 * decides. The run records the evidence tests judge: every heartbeat A sent and S received, the pauses, the
 * crash and the moment S took over.
 */
import { Rng, Simulation, formatTraceLines } from '../sim/index.ts';
import type { NodeBehaviour, NodeContext, TraceEvent } from '../sim/index.ts';
import { buildCluster } from '../testkit/scenario.ts';

export const ACTIVE = 'A';
export const STANDBY = 'S';
/** How often the standby consults its monitor. */
export const CHECK_EVERY_MS = 10;

/** What the standby asks whether to take over. */
export interface Monitor {
  heartbeat(now: number): void;
  shouldTakeOver(now: number): unknown;
}

export interface PausedHeartbeatStory {
  readonly intervalMs: number;
  /** One-way delay of a heartbeat, drawn uniformly (whole ms, both ends included; first in, first out, nothing lost). */
  readonly delayMs: { readonly min: number; readonly max: number };
  /** The story has `windows` windows before the crash's; A pauses in the first `pauses` of them. */
  readonly windows: number;
  readonly pauses: number;
  /** How long a pause lasts, drawn. */
  readonly pauseMs: { readonly min: number; readonly max: number };
  /** A pause begins 1 to this many ms (drawn) before A's next heartbeat is due. */
  readonly pauseLeadMs: number;
  /** Window k opens at `firstWindowMs + k × windowGapMs`, moved later by up to `windowSpreadMs` (drawn). */
  readonly firstWindowMs: number;
  readonly windowGapMs: number;
  readonly windowSpreadMs: number;
  /** How long the run goes on after the crash's window, beyond one interval: the deadline and a margin. */
  readonly afterCrashMs: number;
  /** The name of the random stream the story draws from. */
  readonly stream: string;
  /** Makes the monitor S consults, when S starts watching at `now`. */
  readonly monitor: (now: number) => Monitor;
}

export interface PauseRecord {
  readonly atMs: number;
  readonly resumeAtMs: number;
}

export interface PausedHeartbeatRun {
  readonly seed: number;
  readonly sim: Simulation;
  /** When A sent each heartbeat, in order. */
  readonly sent: readonly number[];
  /** When S received each heartbeat, in order. */
  readonly received: readonly number[];
  readonly pauses: readonly PauseRecord[];
  readonly crashAtMs: number;
  /** When S took over, if it did. */
  readonly takeoverAtMs: number | null;
  readonly endMs: number;
}

type HeartbeatMessage = { readonly type: 'heartbeat'; readonly n: number };

/** Runs the story once. Every window draws, paused in or not, so the crash's window opens at the same moment whatever `pauses` is. */
export function pausedHeartbeatRun(story: PausedHeartbeatStory, seed: number): PausedHeartbeatRun {
  const { intervalMs } = story;
  const sim = new Simulation({ seed, trace: true, describeMessage: (m) => `heartbeat #${(m as HeartbeatMessage).n}` });
  const draws = Rng.fromSeed(seed).fork(story.stream);
  const sent: number[] = [];
  const received: number[] = [];
  const pauses: PauseRecord[] = [];
  let takeoverAtMs: number | null = null;

  const active = (): NodeBehaviour<HeartbeatMessage> => {
    const beat = (ctx: NodeContext<HeartbeatMessage>) => {
      sent.push(ctx.now);
      ctx.send(STANDBY, { type: 'heartbeat', n: sent.length });
      ctx.setTimer(intervalMs, 'beat');
    };
    return { onStart: beat, onTimer: beat };
  };
  const standby = (): NodeBehaviour<HeartbeatMessage> => {
    let monitor: Monitor;
    return {
      onStart(ctx) {
        monitor = story.monitor(ctx.now);
        ctx.setTimer(CHECK_EVERY_MS, 'check');
      },
      onMessage(ctx) {
        received.push(ctx.now);
        monitor.heartbeat(ctx.now);
      },
      onTimer(ctx) {
        if (takeoverAtMs === null && monitor.shouldTakeOver(ctx.now) === true) takeoverAtMs = ctx.now;
        if (takeoverAtMs === null) ctx.setTimer(CHECK_EVERY_MS, 'check');
      },
    };
  };
  buildCluster(sim, {
    nodes: [ACTIVE, STANDBY],
    program: (node) => (node === ACTIVE ? active : standby),
    link: { latency: { kind: 'uniform', minMs: story.delayMs.min, maxMs: story.delayMs.max }, loss: 0, duplicate: 0, order: 'fifo' },
  });

  // The next heartbeat is due one interval after the last one A sent.
  const nextDueMs = () => sent.at(-1)! + intervalMs;
  const windowMs = (k: number) => story.firstWindowMs + k * story.windowGapMs + draws.int(0, story.windowSpreadMs);
  for (let k = 0; k < story.windows; k++) {
    const fromMs = windowMs(k);
    const leadMs = draws.int(1, story.pauseLeadMs);
    const lengthMs = draws.int(story.pauseMs.min, story.pauseMs.max);
    if (k >= story.pauses) continue;
    sim.at(fromMs, 'a pause is coming', () => {
      const atMs = Math.max(fromMs, nextDueMs() - leadMs);
      pauses.push({ atMs, resumeAtMs: atMs + lengthMs });
      sim.applyFaultPlan([
        { at: atMs, kind: 'pause', node: ACTIVE },
        { at: atMs + lengthMs, kind: 'resume', node: ACTIVE },
      ]);
    });
  }
  const crashFromMs = windowMs(story.windows);
  // 1 ms after the heartbeat due next: the crash leaves S the longest silence it must wait out.
  let crashAtMs = crashFromMs;
  sim.at(crashFromMs, 'a crash is coming', () => {
    crashAtMs = Math.max(crashFromMs, nextDueMs() + 1);
    sim.applyFaultPlan([{ at: crashAtMs, kind: 'crash', node: ACTIVE }]);
  });
  const endMs = crashFromMs + intervalMs + 1 + story.afterCrashMs;
  sim.run({ untilMs: endMs });
  return { seed, sim, sent, received, pauses, crashAtMs, takeoverAtMs, endMs };
}

/** The longest silence S sat through while A was alive, from `sinceMs` on: between two heartbeats (or the start and the first) received before the crash. */
export function longestAliveSilence(run: PausedHeartbeatRun, sinceMs = 0): { fromMs: number; toMs: number } {
  let longest = { fromMs: 0, toMs: 0 };
  let last = 0;
  for (const at of run.received) {
    if (at > run.crashAtMs) break;
    if (last >= sinceMs && at - last > longest.toMs - longest.fromMs) longest = { fromMs: last, toMs: at };
    last = at;
  }
  return longest;
}

/**
 * The story of a run up to `untilMs`, for a failure: the pauses and the crash from `sinceMs` on, the last
 * heartbeats S received by then, and S's take-over (told as `takeover`) if it happened by then.
 */
export function pausedHeartbeatStory(run: PausedHeartbeatRun, takeover: string, untilMs: number, sinceMs = 0, heartbeats = 4): string[] {
  const events = run.sim.trace.events().filter((e) => e.time <= untilMs);
  const faults = events.filter((e) => e.time >= sinceMs && (e.kind === 'pause' || e.kind === 'resume' || e.kind === 'crash'));
  const beats = events.filter((e) => e.kind === 'deliver' && e.to === STANDBY).slice(-heartbeats);
  const lines = formatTraceLines([...faults, ...beats].sort((a: TraceEvent, b: TraceEvent) => a.id - b.id));
  if (run.takeoverAtMs !== null && run.takeoverAtMs <= untilMs) lines.push(`t=${run.takeoverAtMs}ms  S takes over: ${takeover}`);
  return lines;
}
