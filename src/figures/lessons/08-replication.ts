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
import { asyncFailoverRun, mostCaughtUp } from '../../testkit/scenarios/async-failover.ts';
import { twoMastersRun, versionVectorOrder } from '../../testkit/scenarios/two-masters.ts';

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
