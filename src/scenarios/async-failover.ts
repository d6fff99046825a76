/**
 * A primary that replicates asynchronously, crashes, and is replaced by one of its replicas — lesson 08's
 * story of acknowledged writes lost in a fail-over.
 *
 * The primary P acknowledges every write as soon as it has appended it to its own log. Replicas R1, R2, …
 * pull the log: every `pollMs` each asks P for the entries after the last one it has applied, and applies
 * what comes back in order. So each replica trails P by a poll interval plus a network trip, and by a
 * different amount at any moment. The writer c1 writes `c1:1`, `c1:2`, … (write N is log entry #N) until P
 * crashes at `crashAtMs`. At `promoteAtMs` a fail-over controller looks at the replicas, asks `choose`
 * which one to promote, and the reader c2 reads from the promoted replica: every acknowledged write
 * beyond that replica's log is gone for good.
 */
import { Simulation } from '../sim/index.ts';
import type { FaultPlan, NodeBehaviour, Operation } from '../sim/index.ts';
import { buildCluster } from '../testkit/scenario.ts';

/** What the fail-over controller knows about a replica when the primary has died. */
export interface ReplicaStatus {
  readonly id: string;
  /** The sequence number of the last log entry it has applied (0: none). */
  readonly appliedSeq: number;
  /** When it last heard from the primary (virtual ms; -1: never). */
  readonly lastHeardMs: number;
  /** Whether the controller can reach it now. */
  readonly reachable: boolean;
}

export type PromotionChoice = (replicas: ReplicaStatus[]) => string | null;

export type PullMessage =
  | { readonly type: 'fetch'; readonly after: number }
  | { readonly type: 'entries'; readonly entries: readonly { readonly seq: number; readonly value: unknown }[] };

export function describePullMessage(message: unknown): string {
  const m = message as PullMessage;
  if (m.type === 'fetch') return `fetch after #${m.after}`;
  if (m.entries.length === 0) return 'entries (none new)';
  const first = m.entries[0]!.seq;
  const last = m.entries[m.entries.length - 1]!.seq;
  return first === last ? `entries #${first}` : `entries #${first}–#${last}`;
}

export const PRIMARY = 'P';

export interface AsyncFailoverOptions {
  /** Which replica to promote; the run records what that choice cost. */
  readonly choose: PromotionChoice;
  /** Number of replicas (default 3): R1, R2, … */
  readonly replicas?: number;
  /** How often each replica pulls the log (default 50 ms). */
  readonly pollMs?: number;
  /** When the primary crashes (default 400 ms). */
  readonly crashAtMs?: number;
  /** When the controller promotes a replica (default 100 ms after the crash). */
  readonly promoteAtMs?: number;
  /** Replicas that crash too, and when (a replica down at promotion time cannot be promoted). */
  readonly replicaCrashes?: readonly { readonly node: string; readonly atMs: number }[];
}

export interface AsyncFailoverRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: readonly Operation[];
  /** What the controller saw at promotion time, in replica order. */
  readonly replicas: readonly ReplicaStatus[];
  /** What `choose` returned (it may be anything: learner code). */
  readonly chosen: unknown;
  /** The writes the primary acknowledged, in log order (write N is entry #N). */
  readonly acknowledged: readonly Operation[];
  /** Acknowledged writes missing from the promoted replica (every one of them, if nothing was promoted). */
  readonly lost: readonly Operation[];
  /** The fewest acknowledged writes any reachable replica would lose (all of them if none is reachable). */
  readonly fewestLost: number;
  readonly crashAtMs: number;
  readonly promoteAtMs: number;
}

/** How many acknowledged writes promoting a replica with this log would throw away. */
export function writesLostBy(acknowledged: readonly Operation[], appliedSeq: number): Operation[] {
  return acknowledged.filter((_, index) => index + 1 > appliedSeq);
}

function primary(): NodeBehaviour<PullMessage> {
  const log: { seq: number; value: unknown }[] = [];
  return {
    onRequest(ctx, request) {
      if (request.f !== 'write') return ctx.fail(request, 'the primary takes writes');
      log.push({ seq: log.length + 1, value: request.input });
      // Asynchronous replication: acknowledged before any replica has the entry.
      ctx.reply(request);
    },
    onMessage(ctx, from, message) {
      if (message.type === 'fetch') ctx.send(from, { type: 'entries', entries: log.slice(message.after) });
    },
  };
}

interface ReplicaState {
  appliedSeq: number;
  value: unknown;
  lastHeardMs: number;
}

function replica(pollMs: number, state: ReplicaState): () => NodeBehaviour<PullMessage> {
  return () => ({
    onStart(ctx) {
      // Replicas start polling at different moments, so they lag by different amounts.
      ctx.setTimer(ctx.rng.int(1, pollMs), 'poll');
    },
    onTimer(ctx) {
      ctx.send(PRIMARY, { type: 'fetch', after: state.appliedSeq });
      ctx.setTimer(pollMs, 'poll');
    },
    onMessage(ctx, _from, message) {
      if (message.type !== 'entries') return;
      state.lastHeardMs = ctx.now;
      for (const entry of message.entries) {
        if (entry.seq !== state.appliedSeq + 1) continue;
        state.appliedSeq = entry.seq;
        state.value = entry.value;
      }
    },
    onRequest: (ctx, request) => (request.f === 'read' ? ctx.reply(request, state.value) : ctx.fail(request, 'a replica is read-only until promoted')),
  });
}

export function asyncFailoverRun(options: AsyncFailoverOptions, seed: number): AsyncFailoverRun {
  const ids = Array.from({ length: options.replicas ?? 3 }, (_, i) => `R${i + 1}`);
  const pollMs = options.pollMs ?? 50;
  const crashAtMs = options.crashAtMs ?? 400;
  const promoteAtMs = options.promoteAtMs ?? crashAtMs + 100;
  const states = new Map(ids.map((id) => [id, { appliedSeq: 0, value: null, lastHeardMs: -1 } as ReplicaState]));
  const sim = new Simulation({ seed, trace: true, describeMessage: describePullMessage });
  buildCluster(sim, {
    nodes: [PRIMARY, ...ids],
    program: (node) => (node === PRIMARY ? primary : replica(pollMs, states.get(node)!)),
    link: { latency: { kind: 'uniform', minMs: 5, maxMs: 40 }, loss: 0.05 },
  });
  const faults: FaultPlan = [
    { at: crashAtMs, kind: 'crash', node: PRIMARY },
    ...(options.replicaCrashes ?? []).map(({ node, atMs }) => ({ at: atMs, kind: 'crash' as const, node })),
  ];
  sim.applyFaultPlan(faults);
  const writer = sim.addClient('c1', { timeoutMs: 50 });
  const reader = sim.addClient('c2', { timeoutMs: 50 });
  for (const client of ['c1', 'c2']) for (const node of sim.nodes) sim.network.setLink(client, node, { latency: { kind: 'constant', ms: 1 }, loss: 0 }, { bothWays: true });
  let count = 0;
  writer.closedLoop(() => (sim.now >= crashAtMs ? null : { node: PRIMARY, f: 'write', input: `c1:${++count}` }), { startMs: 10, thinkMs: 9 });

  let replicas: ReplicaStatus[] = [];
  let chosen: unknown = null;
  sim.at(promoteAtMs, 'promote a replica', () => {
    replicas = ids.map((id) => ({ id, ...pick(states.get(id)!), reachable: sim.isUp(id) }));
    chosen = options.choose(replicas.map((r) => ({ ...r })));
    if (typeof chosen === 'string' && ids.includes(chosen) && sim.isUp(chosen)) reader.invoke({ node: chosen, f: 'read' });
  });
  sim.run({ untilMs: promoteAtMs + 60 });

  const history = sim.history();
  const acknowledged = history.filter((op) => op.client === 'c1' && op.outcome === 'ok');
  const promoted = replicas.find((r) => r.id === chosen);
  const lost = writesLostBy(acknowledged, promoted?.appliedSeq ?? 0);
  const reachable = replicas.filter((r) => r.reachable);
  const fewestLost = reachable.length === 0 ? acknowledged.length : Math.min(...reachable.map((r) => writesLostBy(acknowledged, r.appliedSeq).length));
  return { seed, sim, history, replicas, chosen, acknowledged, lost, fewestLost, crashAtMs, promoteAtMs };
}

function pick(state: ReplicaState): { appliedSeq: number; lastHeardMs: number } {
  return { appliedSeq: state.appliedSeq, lastHeardMs: state.lastHeardMs };
}

/** The reference choice: the reachable replica with the longest log, the smallest id on a tie. */
export function mostCaughtUp(replicas: readonly ReplicaStatus[]): string | null {
  let best: ReplicaStatus | null = null;
  for (const r of replicas) if (r.reachable && (best === null || r.appliedSeq > best.appliedSeq || (r.appliedSeq === best.appliedSeq && r.id < best.id))) best = r;
  return best?.id ?? null;
}
