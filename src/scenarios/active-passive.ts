/**
 * Active-passive fail-over, for lesson 09: an active node A sends heartbeats to a standby S every
 * `intervalMs`; S watches them with a monitor and takes over (claims the service's IP address) when the
 * monitor says the active is gone.
 *
 * - {@link standbyRun}: just the heartbeats, with a crash of A or late heartbeats (latency spikes). The
 *   run records when S took over, so tests can judge detection time and false take-overs.
 * - {@link splitBrainRun}: the same pair in front of a storage node D. Writes carry the writer's **epoch**
 *   (A has 1; S takes 2 when it takes over). A pauses for a while (a long GC pause: alive, but silent),
 *   S takes over, and when A wakes up it still believes it is active and keeps writing. Whether D refuses
 *   A's old-epoch writes is up to the store it runs (the learner's `FencedStore`).
 */
import { Simulation, formatTraceLines } from '../sim/index.ts';
import type { ClientRequest, FaultPlan, NodeBehaviour, Operation } from '../sim/index.ts';
import { buildCluster } from '../testkit/scenario.ts';

/** What the standby asks its monitor (the learner's `StandbyMonitor`). */
export interface Monitor {
  heartbeat(now: number): void;
  shouldTakeOver(now: number): unknown;
}
export type MonitorFactory = (intervalMs: number, missed: number, now: number) => Monitor;

/** How often the standby consults its monitor. */
export const CHECK_EVERY_MS = 10;
export const ACTIVE = 'A';
export const STANDBY = 'S';
export const STORAGE = 'D';

type PairMessage =
  | { readonly type: 'heartbeat' }
  | { readonly type: 'takeover'; readonly epoch: number }
  | { readonly type: 'write'; readonly epoch: number; readonly key: string; readonly value: string; readonly op: number }
  | { readonly type: 'result'; readonly op: number; readonly accepted: boolean };

function describePairMessage(message: unknown): string {
  const m = message as PairMessage;
  switch (m.type) {
    case 'heartbeat': return 'heartbeat';
    case 'takeover': return `I am active now (epoch ${m.epoch}), the address is mine`;
    case 'write': return `write ${m.key}=${m.value} epoch ${m.epoch}`;
    case 'result': return m.accepted ? `accepted op ${m.op}` : `refused op ${m.op}: stale epoch`;
  }
}

function active(intervalMs: number): NodeBehaviour<PairMessage> {
  return {
    onStart: (ctx) => void ctx.setTimer(intervalMs, 'beat'),
    onTimer(ctx) {
      ctx.send(STANDBY, { type: 'heartbeat' });
      ctx.setTimer(intervalMs, 'beat');
    },
  };
}

interface StandbyOptions {
  readonly intervalMs: number;
  readonly missed: number;
  readonly monitor: MonitorFactory;
  readonly onTakeOver: (now: number) => void;
}

/** The standby's watch loop; `becomeActive` runs once, when it takes over. */
function standby(options: StandbyOptions, becomeActive: () => void = () => {}): NodeBehaviour<PairMessage> {
  let monitor: Monitor;
  let took = false;
  return {
    onStart(ctx) {
      monitor = options.monitor(options.intervalMs, options.missed, ctx.now);
      ctx.setTimer(CHECK_EVERY_MS, 'check');
    },
    onMessage(ctx, _from, message) {
      if (message.type === 'heartbeat') monitor.heartbeat(ctx.now);
    },
    onTimer(ctx) {
      if (!took && monitor.shouldTakeOver(ctx.now) === true) {
        took = true;
        options.onTakeOver(ctx.now);
        becomeActive();
        // Gratuitous ARP, in spirit: tell the network (and the old active, if it listens) who owns the address.
        ctx.send(ACTIVE, { type: 'takeover', epoch: 2 });
      }
      ctx.setTimer(CHECK_EVERY_MS, 'check');
    },
  };
}

export interface StandbyRunOptions {
  readonly monitor: MonitorFactory;
  readonly intervalMs: number;
  readonly missed: number;
  /** When A crashes (never, if absent). */
  readonly crashAtMs?: number;
  /** Heartbeats delayed by `extraMs` from `atMs` for `durationMs`. */
  readonly spikes?: readonly { readonly atMs: number; readonly extraMs: number; readonly durationMs: number }[];
  readonly runMs: number;
}

export interface StandbyRun {
  readonly seed: number;
  readonly sim: Simulation;
  /** When S took over, if it did. */
  readonly takeoverAtMs: number | null;
  readonly crashAtMs: number | null;
}

/** Heartbeat links: 5–20 ms, no loss (a lost heartbeat would be a different lesson). */
const HEARTBEAT_LINK = { latency: { kind: 'uniform', minMs: 5, maxMs: 20 }, loss: 0 } as const;

export function standbyRun(options: StandbyRunOptions, seed: number): StandbyRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: describePairMessage });
  let takeoverAtMs: number | null = null;
  buildCluster(sim, {
    nodes: [ACTIVE, STANDBY],
    program: (node) => (node === ACTIVE ? () => active(options.intervalMs) : () => standby({ ...options, onTakeOver: (now) => void (takeoverAtMs ??= now) })),
    link: HEARTBEAT_LINK,
  });
  const faults: FaultPlan = [
    ...(options.spikes ?? []).map((s) => ({ at: s.atMs, kind: 'latency-spike' as const, extraMs: s.extraMs, durationMs: s.durationMs })),
    ...(options.crashAtMs === undefined ? [] : [{ at: options.crashAtMs, kind: 'crash' as const, node: ACTIVE }]),
  ];
  sim.applyFaultPlan(faults);
  sim.run({ untilMs: options.runMs });
  return { seed, sim, takeoverAtMs, crashAtMs: options.crashAtMs ?? null };
}

/** What the storage node asks its store (the learner's `FencedStore`). */
export interface Store {
  write(epoch: number, key: string, value: string): unknown;
}

export interface AcceptedWrite {
  readonly atMs: number;
  readonly epoch: number;
  readonly writer: string;
  readonly key: string;
  readonly value: string;
  /** The client operation the write came from. */
  readonly op: number;
}

export interface SplitBrainRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: readonly Operation[];
  /** Every write D's store accepted, in order. */
  readonly accepted: readonly AcceptedWrite[];
  /** Writes D's store refused, with who sent them. */
  readonly refused: readonly AcceptedWrite[];
  readonly takeoverAtMs: number | null;
  readonly pause: { readonly atMs: number; readonly resumeAtMs: number };
}

export interface SplitBrainOptions {
  readonly store: () => Store;
  /** A is paused from `atMs` to `resumeAtMs` (default 600 → 1100 ms). */
  readonly pause?: { readonly atMs: number; readonly resumeAtMs: number };
  readonly runMs?: number;
}

/** The reference monitor: take over after `missed × intervalMs` without a heartbeat. */
export function silenceMonitor(intervalMs: number, missed: number, now: number): Monitor {
  let last = now;
  return { heartbeat: (at) => void (last = at), shouldTakeOver: (at) => at - last > intervalMs * missed };
}

export function splitBrainRun(options: SplitBrainOptions, seed: number): SplitBrainRun {
  const pause = options.pause ?? { atMs: 600, resumeAtMs: 1100 };
  const intervalMs = 100;
  const sim = new Simulation({ seed, trace: true, describeMessage: describePairMessage });
  const accepted: AcceptedWrite[] = [];
  const refused: AcceptedWrite[] = [];
  let takeoverAtMs: number | null = null;
  let store: Store;

  /** Who believes it is active. A starts active; S becomes active when its monitor says so. */
  const believesActive = new Map([[ACTIVE, true], [STANDBY, false]]);

  /** A node that serves client writes while it believes it is active, stamping them with its epoch. */
  const writer = (id: string, epoch: number, watch: NodeBehaviour<PairMessage>): NodeBehaviour<PairMessage> => {
    const waiting = new Map<number, ClientRequest>();
    let count = 0;
    return {
      ...watch,
      onRequest(ctx, request) {
        if (!believesActive.get(id)) return ctx.fail(request, 'not the active node');
        count += 1;
        waiting.set(request.id, request);
        ctx.send(STORAGE, { type: 'write', epoch, key: count % 2 === 1 ? 'x' : 'y', value: String(request.input), op: request.id });
      },
      onMessage(ctx, from, message) {
        watch.onMessage?.(ctx, from, message);
        const request = message.type === 'result' ? waiting.get(message.op) : undefined;
        if (message.type !== 'result' || request === undefined) return;
        waiting.delete(message.op);
        if (message.accepted) return ctx.reply(request);
        // Fenced off: a newer active exists, so this node steps down.
        believesActive.set(id, false);
        ctx.fail(request, 'fenced off: a newer active has taken over');
      },
    };
  };

  buildCluster(sim, {
    nodes: [ACTIVE, STANDBY, STORAGE],
    program: (node) => {
      if (node === ACTIVE) return () => writer(ACTIVE, 1, active(intervalMs));
      if (node === STANDBY) {
        const onTakeOver = (now: number) => void (takeoverAtMs ??= now);
        return () => writer(STANDBY, 2, standby({ intervalMs, missed: 3, monitor: silenceMonitor, onTakeOver }, () => believesActive.set(STANDBY, true)));
      }
      return (): NodeBehaviour<PairMessage> => ({
        onStart: () => void (store = options.store()),
        onMessage(ctx, from, message) {
          if (message.type !== 'write') return;
          const write = { atMs: ctx.now, epoch: message.epoch, writer: from, key: message.key, value: message.value, op: message.op };
          const ok = store.write(message.epoch, message.key, message.value) === true;
          (ok ? accepted : refused).push(write);
          ctx.send(from, { type: 'result', op: message.op, accepted: ok });
        },
      });
    },
    link: HEARTBEAT_LINK,
  });
  sim.applyFaultPlan([
    { at: pause.atMs, kind: 'pause', node: ACTIVE },
    { at: pause.resumeAtMs, kind: 'resume', node: ACTIVE },
  ]);
  const clientFor = (id: string, node: string) => {
    const client = sim.addClient(id, { timeoutMs: 800 });
    sim.network.setLink(id, node, { latency: { kind: 'constant', ms: 1 }, loss: 0 }, { bothWays: true });
    let n = 0;
    client.closedLoop(() => (sim.now >= (options.runMs ?? 1600) - 200 ? null : { node, f: 'write', input: `${id}:${++n}` }), { startMs: 20, thinkMs: 40 });
  };
  clientFor('c1', ACTIVE);
  clientFor('c2', STANDBY);
  sim.run({ untilMs: options.runMs ?? 1600 });
  return { seed, sim, history: sim.history(), accepted, refused, takeoverAtMs, pause };
}

/** The first accepted write whose epoch is older than one accepted before it: two actives wrote. */
export function firstSplitBrainWrite(accepted: readonly AcceptedWrite[]): { stale: AcceptedWrite; newer: AcceptedWrite } | null {
  let newest: AcceptedWrite | null = null;
  for (const write of accepted) {
    if (newest !== null && write.epoch < newest.epoch) return { stale: write, newer: newest };
    if (newest === null || write.epoch > newest.epoch) newest = write;
  }
  return null;
}

/** The story of a take-over: the faults, the last heartbeats S received before it, and the take-over itself. */
export function takeoverStory(run: StandbyRun, heartbeats = 4): string[] {
  const events = run.sim.trace.events();
  const end = run.takeoverAtMs ?? Number.POSITIVE_INFINITY;
  const faults = events.filter((e) => e.time <= end && (e.kind === 'crash' || e.kind === 'latency-spike'));
  const beats = events.filter((e) => e.kind === 'deliver' && e.to === STANDBY && e.time <= end).slice(-heartbeats);
  const takeover = events.filter((e) => e.from === STANDBY && e.sentAt === run.takeoverAtMs && (e.kind === 'deliver' || e.kind === 'drop')).slice(0, 1);
  return formatTraceLines([...faults, ...beats, ...takeover].sort((a, b) => a.id - b.id));
}

/** A store without fencing: every write lands (for figures that show split brain). */
export function unfencedStore(): Store {
  return { write: () => true };
}

/** The reference fenced store: refuses writes from an epoch older than the largest seen. */
export function epochFencedStore(): Store {
  let newest = 0;
  return {
    write(epoch) {
      if (epoch < newest) return false;
      newest = epoch;
      return true;
    },
  };
}
