/**
 * Choosing heartbeat settings against a detection deadline, for lesson 09: an active node A sends a heartbeat
 * to a standby S every `intervalMs` over a link with jitter, and S takes over once the silence is longer than
 * `missedBeats × intervalMs`. A freezes in garbage-collection pauses — alive, but silent — and later crashes,
 * so a tolerance too short fails over while A is alive and one too long misses the deadline.
 *
 * The link's delay is drawn uniformly from `DELAY_MS` (first in, first out, nothing lost). S runs the rule of
 * the standby-monitor exercise (its reference `StandbyMonitor`), consulted every `CHECK_EVERY_MS`.
 *
 * The scenario makes the narrow windows happen rather than hoping for them: each of the `PAUSES` pauses (up to
 * `PAUSE_MS.max` long) begins a few milliseconds before A's next heartbeat is due, so the gap it leaves is
 * nearly the pause plus a whole interval; the crash comes 1 ms after a heartbeat went out, so the silence S
 * must sit through before it may act is as long as it can be.
 *
 * The run records the evidence the tests judge: every heartbeat A sent and S received, the pauses, the
 * crash and the moment S took over.
 */
import { Rng, Simulation, formatTraceLines } from '../../src/sim/index.ts';
import type { NodeBehaviour, NodeContext, TraceEvent } from '../../src/sim/index.ts';
import { buildCluster } from '../../src/testkit/scenario.ts';
import { StandbyMonitor } from '../standby-monitor/solution.ts';

/** What the learner chooses. */
export interface HeartbeatSettings {
  readonly intervalMs: number;
  readonly missedBeats: number;
}

export const ACTIVE = 'A';
export const STANDBY = 'S';
/** One-way delay of a heartbeat, drawn uniformly (whole ms, both ends included). */
export const DELAY_MS = { min: 5, max: 45 } as const;
/** How often the standby consults its monitor. */
export const CHECK_EVERY_MS = 10;
/** How long a garbage-collection pause of the active lasts. */
export const PAUSE_MS = { min: 270, max: 300 } as const;
/** A pause begins this many ms (drawn, at most) before the active's next heartbeat is due. */
export const PAUSE_LEAD_MS = 10;
/** The crash must be detected — S must take over — within this many ms. */
export const DEADLINE_MS = 700;
/** At most this many heartbeats in any `BUDGET_WINDOW_MS`. */
export const BUDGET_BEATS = 8;
export const BUDGET_WINDOW_MS = 1000;

export interface PauseRecord {
  readonly atMs: number;
  readonly resumeAtMs: number;
}

export interface HeartbeatRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly settings: HeartbeatSettings;
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

/**
 * Where the story's windows open: the first pause's at `FIRST_WINDOW_MS` (after a first second without
 * pauses, so an interval too short for the budget always shows in it), each next one `WINDOW_GAP_MS` plus
 * an interval later (so a pause, which ends at most an interval and `PAUSE_MS.max` after its window opens,
 * is over before the next window), and the crash's after the last pause's. The draws move each window by up
 * to `WINDOW_SPREAD_MS`.
 */
const FIRST_WINDOW_MS = 1100;
const WINDOW_GAP_MS = 650;
const WINDOW_SPREAD_MS = 300;
export const PAUSES = 4;

type HeartbeatMessage = { readonly type: 'heartbeat'; readonly n: number };

/** Runs the story once with these settings (whole numbers: the tests check them first). */
export function heartbeatRun(settings: HeartbeatSettings, seed: number): HeartbeatRun {
  const { intervalMs, missedBeats } = settings;
  const sim = new Simulation({ seed, trace: true, describeMessage: (m) => `heartbeat #${(m as HeartbeatMessage).n}` });
  const draws = Rng.fromSeed(seed).fork('heartbeat-story');
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
    let monitor: StandbyMonitor;
    return {
      onStart(ctx) {
        monitor = new StandbyMonitor(intervalMs, missedBeats, ctx.now);
        ctx.setTimer(CHECK_EVERY_MS, 'check');
      },
      onMessage(ctx) {
        received.push(ctx.now);
        monitor.heartbeat(ctx.now);
      },
      onTimer(ctx) {
        if (takeoverAtMs === null && monitor.shouldTakeOver(ctx.now)) takeoverAtMs = ctx.now;
        if (takeoverAtMs === null) ctx.setTimer(CHECK_EVERY_MS, 'check');
      },
    };
  };
  buildCluster(sim, {
    nodes: [ACTIVE, STANDBY],
    program: (node) => (node === ACTIVE ? active : standby),
    link: { latency: { kind: 'uniform', minMs: DELAY_MS.min, maxMs: DELAY_MS.max }, loss: 0, duplicate: 0, order: 'fifo' },
  });

  // The next heartbeat is due one interval after the last one A sent.
  const nextDueMs = () => sent.at(-1)! + intervalMs;
  const windowMs = (k: number) => FIRST_WINDOW_MS + k * (WINDOW_GAP_MS + intervalMs) + draws.int(0, WINDOW_SPREAD_MS);
  for (let k = 0; k < PAUSES; k++) {
    const fromMs = windowMs(k);
    const leadMs = draws.int(1, PAUSE_LEAD_MS);
    const lengthMs = draws.int(PAUSE_MS.min, PAUSE_MS.max);
    sim.at(fromMs, 'a pause is coming', () => {
      const atMs = Math.max(fromMs, nextDueMs() - leadMs);
      pauses.push({ atMs, resumeAtMs: atMs + lengthMs });
      sim.applyFaultPlan([
        { at: atMs, kind: 'pause', node: ACTIVE },
        { at: atMs + lengthMs, kind: 'resume', node: ACTIVE },
      ]);
    });
  }
  const crashFromMs = windowMs(PAUSES);
  // 1 ms after the heartbeat due next: the crash leaves S the longest silence it must wait out.
  let crashAtMs = crashFromMs;
  sim.at(crashFromMs, 'a crash is coming', () => {
    crashAtMs = Math.max(crashFromMs, nextDueMs() + 1);
    sim.applyFaultPlan([{ at: crashAtMs, kind: 'crash', node: ACTIVE }]);
  });
  const endMs = crashFromMs + intervalMs + 1 + DEADLINE_MS + 100;
  sim.run({ untilMs: endMs });
  return { seed, sim, settings, sent, received, pauses, crashAtMs, takeoverAtMs, endMs };
}

/** The longest silence S sat through while A was alive: between two heartbeats (or the start and the first) received before the crash. */
export function longestAliveSilence(run: HeartbeatRun): { fromMs: number; toMs: number } {
  let longest = { fromMs: 0, toMs: 0 };
  let last = 0;
  for (const at of run.received) {
    if (at > run.crashAtMs) break;
    if (at - last > longest.toMs - longest.fromMs) longest = { fromMs: last, toMs: at };
    last = at;
  }
  return longest;
}

/** The first window of `BUDGET_WINDOW_MS` holding the most heartbeats A sent: where it starts and how many. */
export function busiestSecond(sent: readonly number[]): { fromMs: number; beats: number } {
  let busiest = { fromMs: 0, beats: 0 };
  let first = 0;
  for (let last = 0; last < sent.length; last++) {
    while (sent[last]! - sent[first]! >= BUDGET_WINDOW_MS) first += 1;
    if (last - first + 1 > busiest.beats) busiest = { fromMs: sent[first]!, beats: last - first + 1 };
  }
  return busiest;
}

/**
 * The story of a run up to `untilMs`, for a failure: the pauses and the crash from `sinceMs` on, the last
 * heartbeats S received by then, and S's take-over if it happened by then.
 */
export function heartbeatStory(run: HeartbeatRun, untilMs: number, sinceMs = 0, heartbeats = 4): string[] {
  const events = run.sim.trace.events().filter((e) => e.time <= untilMs);
  const faults = events.filter((e) => e.time >= sinceMs && (e.kind === 'pause' || e.kind === 'resume' || e.kind === 'crash'));
  const beats = events.filter((e) => e.kind === 'deliver' && e.to === STANDBY).slice(-heartbeats);
  const lines = formatTraceLines([...faults, ...beats].sort((a: TraceEvent, b: TraceEvent) => a.id - b.id));
  if (run.takeoverAtMs !== null && run.takeoverAtMs <= untilMs) lines.push(`t=${run.takeoverAtMs}ms  S takes over: the silence since the last heartbeat is longer than ${run.settings.missedBeats} × ${run.settings.intervalMs} ms`);
  return lines;
}
