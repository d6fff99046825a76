/**
 * Master-master replication of one value, for lesson 08's conflict detection. Masters A and B both take
 * writes (c1 writes on A, c2 on B), acknowledge them at once, and send each new version to the other
 * master. A version carries a version vector: one counter per master, bumped by the master that took the
 * write. When a version arrives, the receiving master compares it with each version it holds using
 * `compare` (the learner's `compareVV`): a newer version replaces an older one, an older or equal one is
 * ignored, and two concurrent versions are both kept as **siblings** — a conflict for the application to
 * resolve.
 *
 * The scenario also tracks, independently of the vectors, which writes each version includes (its
 * write history). That is the truth `compare` is judged against: a version may replace another only if
 * it includes every write the other includes; otherwise a write is silently lost.
 */
import { Simulation } from '../sim/index.ts';
import type { NodeBehaviour, Operation } from '../sim/index.ts';
import { buildCluster } from '../testkit/scenario.ts';

export type VersionVector = Record<string, number>;
export type VVOrder = 'before' | 'after' | 'equal' | 'concurrent';
export type CompareVV = (a: VersionVector, b: VersionVector) => unknown;

export interface Version {
  readonly value: string;
  readonly vv: VersionVector;
  /** Every write this version includes (itself and what its master had seen): the ground truth. */
  readonly includes: readonly string[];
}

/** A moment where `compare` contradicted the write histories. */
export interface Misjudgement {
  readonly atMs: number;
  readonly node: string;
  readonly incoming: Version;
  readonly held: Version;
  /** What `compare(incoming.vv, held.vv)` returned. */
  readonly said: unknown;
  /** What the write histories say. */
  readonly truth: VVOrder;
}

export interface TwoMastersRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: readonly Operation[];
  /** What each master holds at the end, siblings in arrival order. */
  readonly siblings: Readonly<Record<string, readonly Version[]>>;
  readonly misjudgements: readonly Misjudgement[];
  /** How many comparisons the masters made, by what the write histories say the answer was. */
  readonly compared: Readonly<Record<VVOrder, number>>;
  /** How many times a master kept two versions as siblings. */
  readonly conflicts: number;
}

export const MASTERS = ['A', 'B'] as const;

export function describeVersion(v: Version): string {
  return `${v.value} ${JSON.stringify(v.vv)}`;
}

/** The order of two versions by the writes they include: the truth a version-vector comparison must match. */
export function orderByHistory(a: Version, b: Version): VVOrder {
  const aInB = a.includes.every((w) => b.includes.includes(w));
  const bInA = b.includes.every((w) => a.includes.includes(w));
  if (aInB && bInA) return 'equal';
  if (aInB) return 'before';
  if (bInA) return 'after';
  return 'concurrent';
}

/** The reference comparison, counter by counter (a missing counter is 0): for figures and tests of the scenario. */
export function versionVectorOrder(a: VersionVector, b: VersionVector): VVOrder {
  let behind = false;
  let ahead = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if ((a[k] ?? 0) < (b[k] ?? 0)) behind = true;
    if ((a[k] ?? 0) > (b[k] ?? 0)) ahead = true;
  }
  return behind && ahead ? 'concurrent' : behind ? 'before' : ahead ? 'after' : 'equal';
}

function master(
  id: string,
  compare: CompareVV,
  store: { versions: Version[] },
  record: (m: Misjudgement | null, truth: VVOrder) => void,
  onConflict: () => void,
): NodeBehaviour<Version> {
  return {
    // What a learner stepping through a run sees: the versions this master holds (siblings in arrival order).
    state: () => store.versions.map((v) => ({ value: v.value, vv: v.vv })),
    onRequest(ctx, request) {
      const versions = store.versions;
      const vv: VersionVector = {};
      for (const v of versions) for (const [k, n] of Object.entries(v.vv)) vv[k] = Math.max(vv[k] ?? 0, n);
      vv[id] = (vv[id] ?? 0) + 1;
      const value = String(request.input);
      // A client's write supersedes every version this master holds, siblings included.
      const version: Version = { value, vv, includes: [...new Set([...versions.flatMap((v) => v.includes), value])] };
      store.versions = [version];
      ctx.reply(request);
      for (const peer of ctx.peers) ctx.send(peer, version);
    },
    onMessage(ctx, _from, incoming) {
      let keepIncoming = true;
      const kept: Version[] = [];
      for (const version of store.versions) {
        const said = compare({ ...incoming.vv }, { ...version.vv });
        const truth = orderByHistory(incoming, version);
        record(said === truth ? null : { atMs: ctx.now, node: id, incoming, held: version, said, truth }, truth);
        if (said === 'after') continue;
        if (said === 'before' || said === 'equal') keepIncoming = false;
        kept.push(version);
      }
      if (keepIncoming) {
        if (kept.length > 0) onConflict();
        kept.push(incoming);
      }
      store.versions = kept;
    },
  };
}

/** Writes on both masters (six each by default), 60–200 ms apart, over links slow enough (20–120 ms) for writes to cross. */
export function twoMastersRun(compare: CompareVV, seed: number, writesPerMaster = 6): TwoMastersRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: (m) => `version ${describeVersion(m as Version)}` });
  const held = new Map<string, { versions: Version[] }>(MASTERS.map((id) => [id, { versions: [] }]));
  const misjudgements: Misjudgement[] = [];
  const compared: Record<VVOrder, number> = { before: 0, after: 0, equal: 0, concurrent: 0 };
  const record = (misjudgement: Misjudgement | null, truth: VVOrder): void => {
    compared[truth] += 1;
    if (misjudgement !== null) misjudgements.push(misjudgement);
  };
  let conflicts = 0;
  buildCluster(sim, {
    nodes: MASTERS,
    program: (id) => master(id, compare, held.get(id)!, record, () => (conflicts += 1)),
    link: { latency: { kind: 'uniform', minMs: 20, maxMs: 120 }, order: 'reorder' },
  });
  MASTERS.forEach((node, i) => {
    const client = sim.addClient(`c${i + 1}`, { timeoutMs: 50 });
    sim.network.setLink(client.id, node, { latency: { kind: 'constant', ms: 1 }, loss: 0 }, { bothWays: true });
    const rng = sim.rng.fork(`writes:${node}`);
    let at = rng.int(5, 60);
    for (let n = 1; n <= writesPerMaster; n++, at += rng.int(60, 200)) client.invokeAt(at, { node, f: 'write', input: `c${i + 1}:${n}` });
  });
  sim.run({ untilMs: 2_000 });
  return {
    seed,
    sim,
    history: sim.history(),
    siblings: Object.fromEntries(MASTERS.map((id) => [id, held.get(id)!.versions])),
    misjudgements,
    compared,
    conflicts,
  };
}
