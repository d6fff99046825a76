/**
 * Last writer wins over three replicas whose clocks disagree, for lesson 08's conflict resolution.
 *
 * Replicas A, B and C each hold one version of a register: a value and the stamp its write got. Clients talk
 * to their own replica (`c1` to A, `c2` to B, `c3` to C), each reading and then writing, again and again:
 * the replica stamps a write with a clock (the learner's), keeps it if it is newer than the version it holds,
 * acknowledges it at once and sends its version to its peers. A replica also sends its version every
 * `ANTI_ENTROPY_MS`. On receiving a version it shows the stamp to its clock (`observe`) and keeps whichever
 * version `compare` says is newer.
 *
 * B's clock runs `B_SKEW_MS` behind true time from the start until the heal. After the clients stop, a
 * scripted story opens the window last-writer-wins gets wrong: `c1` writes `c1:last` at A; later `c2` reads
 * it at B and then writes `c2:last` at B. B's wall clock reads an earlier time for `c2:last` than A's did
 * for `c1:last`, though `c2:last` was written after its client had read `c1:last`.
 *
 * The scenario records evidence for the tests: every decision a replica made between two versions, every
 * write's stamp with the true time and the replica's clock reading, and each replica's version at the end.
 */
import { Simulation, withFinalHeal } from '../../src/sim/index.ts';
import type { History, NodeBehaviour, Operation } from '../../src/sim/index.ts';
import { buildCluster, startWorkload, type ScenarioRun } from '../../src/testkit/scenario.ts';

export interface Stamp {
  readonly time: number;
  readonly replica: string;
}

/** What a replica needs of a clock (the learner's `Clock`). */
export interface ClockLike {
  stamp(now: number): Stamp;
  observe(stamp: Stamp): void;
}

export interface StampRules {
  readonly clock: (replica: string) => ClockLike;
  readonly compare: (a: Stamp, b: Stamp) => number;
}

/** A value and its write's stamp; the register starts with no value and no stamp. */
export interface Version {
  readonly value: string | null;
  readonly stamp: Stamp | null;
}

/** A replica chose between the version it held and another: a write it just took, or a peer's version. */
export interface Decision {
  readonly atMs: number;
  readonly node: string;
  readonly source: 'write' | 'peer';
  readonly incoming: Version;
  readonly held: Version;
  readonly tookIncoming: boolean;
}

/** One write as its replica stamped it: the true time and the replica's clock reading then. */
export interface StampedWrite {
  readonly value: string;
  readonly node: string;
  readonly atMs: number;
  readonly clockMs: number;
  readonly stamp: Stamp;
}

export interface SkewedClocksRun extends ScenarioRun {
  readonly decisions: readonly Decision[];
  readonly writes: readonly StampedWrite[];
  /** Each replica's version at the end of the settle window. */
  readonly versions: Readonly<Record<string, Version>>;
}

export const REPLICAS = ['A', 'B', 'C'] as const;
export const B_SKEW_MS = -200;
export const ANTI_ENTROPY_MS = 100;
export const CLIENTS_FROM_MS = 250;
export const CLIENTS_UNTIL_MS = 600;
export const HEAL_MS = 900;
export const SETTLE_MS = 200;
/** The scripted story after the clients stop: c1 writes at A, then c2 reads at B and writes there. */
export const STORY = {
  first: { atMs: 720, client: 'c1', node: 'A', value: 'c1:last' },
  read: { atMs: 800, client: 'c2', node: 'B' },
  second: { atMs: 810, client: 'c2', node: 'B', value: 'c2:last' },
} as const;

type VersionMessage = { readonly type: 'version'; readonly version: Version };

const INITIAL: Version = { value: null, stamp: null };

/** A stamp as plain data of the grader's, whatever the clock handed back. */
const plainStamp = (stamp: Stamp): Stamp => ({ time: stamp.time, replica: stamp.replica });

export const describeStamp = (stamp: Stamp | null): string => (stamp === null ? 'no stamp' : `{ time: ${JSON.stringify(stamp.time)}, replica: ${JSON.stringify(stamp.replica)} }`);

export const describeVersion = (version: Version): string =>
  version.value === null ? 'no value' : `${version.value} stamped ${describeStamp(version.stamp)}`;

/**
 * `operationsPerClient` caps each client's reads and writes before the story (default: none; a client issues about
 * 16 in the 350 ms it runs): a failing run is shrunk over it.
 */
export function skewedClocksRun(rules: StampRules, seed: number, operationsPerClient = Infinity): SkewedClocksRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: describeVersionMessage });
  const decisions: Decision[] = [];
  const writes: StampedWrite[] = [];
  const versions: Record<string, Version> = {};

  const program = (id: string) => (): NodeBehaviour<VersionMessage> => {
    const clock = rules.clock(id);
    versions[id] = INITIAL;
    const consider = (source: Decision['source'], incoming: Version): void => {
      const held = versions[id]!;
      if (held.value === incoming.value) return;
      const tookIncoming = held.stamp === null || rules.compare(plainStamp(incoming.stamp!), plainStamp(held.stamp)) > 0;
      if (held.stamp !== null) decisions.push({ atMs: sim.now, node: id, source, incoming, held, tookIncoming });
      if (tookIncoming) versions[id] = incoming;
    };
    return {
      // For a learner stepping through a run: the version this replica holds, with its stamp.
      state: () => versions[id],
      onStart: (ctx) => void ctx.setTimer(ANTI_ENTROPY_MS, 'anti-entropy'),
      onTimer(ctx) {
        const version = versions[id]!;
        if (version.stamp !== null) for (const peer of ctx.peers) ctx.send(peer, { type: 'version', version });
        ctx.setTimer(ANTI_ENTROPY_MS, 'anti-entropy');
      },
      onMessage(_ctx, _from, message) {
        clock.observe(plainStamp(message.version.stamp!));
        consider('peer', message.version);
      },
      onRequest(ctx, request) {
        if (request.f === 'read') return ctx.reply(request, versions[id]!.value);
        const stamp = plainStamp(clock.stamp(ctx.now));
        const value = String(request.input);
        writes.push({ value, node: id, atMs: sim.now, clockMs: ctx.now, stamp });
        consider('write', { value, stamp });
        ctx.reply(request);
        for (const peer of ctx.peers) ctx.send(peer, { type: 'version', version: versions[id]! });
      },
    };
  };

  buildCluster(sim, {
    nodes: REPLICAS,
    program,
    link: { latency: { kind: 'uniform', minMs: 5, maxMs: 40 }, loss: 0, duplicate: 0, order: 'reorder' },
  });
  const faults = withFinalHeal([{ at: 0, kind: 'clock-skew', node: 'B', skewMs: B_SKEW_MS }], { atMs: HEAL_MS, nodes: REPLICAS });
  sim.applyFaultPlan(faults);
  startWorkload(sim, {
    clients: REPLICAS.map((node, i) => ({ id: `c${i + 1}`, node })),
    timeoutMs: 100,
    startMs: CLIENTS_FROM_MS,
    stopMs: CLIENTS_UNTIL_MS,
    thinkMs: 20,
    clientLink: { latency: { kind: 'constant', ms: 1 }, loss: 0, duplicate: 0, order: 'fifo' },
    // Read, then write a value that names the client and its count, so every written value is unique.
    next: ({ client, count }) => (count >= operationsPerClient ? null : count % 2 === 0 ? { f: 'read' } : { f: 'write', input: `${client.id}:${(count + 1) / 2}` }),
    script: [
      { atMs: STORY.first.atMs, client: STORY.first.client, op: { f: 'write', input: STORY.first.value } },
      { atMs: STORY.read.atMs, client: STORY.read.client, op: { f: 'read' } },
      { atMs: STORY.second.atMs, client: STORY.second.client, op: { f: 'write', input: STORY.second.value } },
    ],
  });
  const endMs = HEAL_MS + SETTLE_MS;
  sim.run({ untilMs: endMs });
  return { seed, sim, history: sim.history(), faults, healedAt: HEAL_MS, endMs, decisions, writes, versions: { ...versions } };
}

function describeVersionMessage(message: unknown): string {
  const m = message as Partial<VersionMessage>;
  return m.type === 'version' && m.version !== undefined ? `version ${describeVersion(m.version)}` : JSON.stringify(message);
}

/**
 * For every acknowledged write, the writes it follows: its client's earlier acknowledged writes, the value
 * each of its client's earlier reads returned, and — transitively — everything those follow. The replica
 * that took the write had stamped or received each of them before, so a clock that orders causes before
 * effects stamps the write later than all of them.
 */
export function writesFollowed(history: History): ReadonlyMap<string, ReadonlySet<string>> {
  const follows = new Map<string, Set<string>>();
  const seenByClient = new Map<string, Set<string>>();
  const ordered = [...history].filter((op) => op.outcome === 'ok').sort((a, b) => a.invokedAt - b.invokedAt || a.id - b.id);
  for (const op of ordered) {
    const seen = seenByClient.get(op.client) ?? new Set<string>();
    seenByClient.set(op.client, seen);
    const value = op.f === 'write' ? String(op.input) : op.output;
    if (typeof value !== 'string') continue;
    if (op.f === 'write') follows.set(value, new Set(seen));
    seen.add(value);
    for (const earlier of follows.get(value) ?? []) seen.add(earlier);
  }
  return follows;
}

/** The acknowledged write operation that wrote `value`, for a failure's story. */
export const writeOf = (history: History, value: string | null): Operation | undefined =>
  history.find((op) => op.f === 'write' && op.input === value);
