/**
 * Lesson 08's figures, from real runs:
 * - {@link failoverLosesWrites}: a primary that replicates asynchronously acknowledges writes, crashes, and
 *   the most caught-up replica is promoted; a read from the new primary returns an older value than the
 *   last acknowledged write — acknowledged writes are gone.
 * - {@link masterMasterConflict}: two masters take writes at nearly the same moment; the version vectors
 *   show that neither write saw the other, and both masters keep both versions as siblings.
 */
import type { Figure } from '../figure.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { asyncFailoverRun, mostCaughtUp } from '../../scenarios/async-failover.ts';
import { MASTERS, twoMastersRun, versionVectorOrder, type Version } from '../../scenarios/two-masters.ts';

/** Seed 1: the best replica is three writes behind when the primary dies. */
export function failoverLosesWrites(seed = 1) {
  const run = asyncFailoverRun({ choose: mostCaughtUp }, seed);
  const promoted = run.replicas.find((r) => r.id === run.chosen)!;
  const last = run.acknowledged.length;
  const figure = spaceTimeDiagram(run.sim.trace.events(), {
    title: `P acknowledged c1:${last}, then crashed; the promoted ${promoted.id} had only c1:${promoted.appliedSeq}: ${run.lost.length} acknowledged writes lost (seed ${seed})`,
    history: run.history,
    lanes: ['c1', 'P', 'R1', 'R2', 'R3', 'c2'],
    fromMs: run.crashAtMs - 90,
    toMs: run.promoteAtMs + 10,
  });
  return { figure, run, promoted, last };
}

/** Seed 1: c1 and c2 write within a few ms of each other, and their versions cross on the network. */
/** A version vector as the figure's labels show it: {A:2, B:1}. */
export const vectorText = (vv: Readonly<Record<string, number>>): string => `{${Object.entries(vv).map(([master, n]) => `${master}:${n}`).join(', ')}}`;

/**
 * What the master-master caption quotes, read from the same run's trace: the first version each master sent
 * the other, the first version that includes writes from both, and the pairs of concurrent versions that
 * crossed on the wire (each sent before the other arrived) — the conflicts, in order.
 */
export function masterMasterFacts(seed = 1) {
  const run = twoMastersRun(versionVectorOrder, seed);
  const copies = run.sim.trace
    .events()
    .filter((event) => event.kind === 'deliver' && MASTERS.includes(event.from as 'A') && MASTERS.includes(event.to as 'A'))
    .map((event) => ({ from: event.from!, sentAt: event.sentAt!, at: event.time, version: event.data as Version }));
  const fromA = copies.filter((copy) => copy.from === MASTERS[0]);
  const fromB = copies.filter((copy) => copy.from === MASTERS[1]);
  const crossings = fromA.flatMap((a) =>
    fromB.filter((b) => a.sentAt < b.at && b.sentAt < a.at && versionVectorOrder(a.version.vv, b.version.vv) === 'concurrent').map((b) => [a.version, b.version] as const),
  );
  return {
    firstFromA: fromA[0]!.version,
    firstFromB: fromB[0]!.version,
    firstMerged: copies.find((copy) => Object.values(copy.version.vv).filter((n) => n > 0).length === MASTERS.length)!.version,
    crossings,
  };
}

export function masterMasterConflict(seed = 1): Figure {
  const run = twoMastersRun(versionVectorOrder, seed);
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `Two masters: writes on A and B that neither saw, kept as siblings (${run.conflicts} conflicts over the run, seed ${seed})`,
    history: run.history,
    lanes: ['c1', 'A', 'B', 'c2'],
    fromMs: 0,
    toMs: 260,
    messageLabels: true,
  });
}
