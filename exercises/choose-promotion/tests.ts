import { defineTests, test, expect, runTwice, violationFor, checkAgainstReference, fc } from '../../src/testkit/index.ts';
import { asyncFailoverRun, writesLostBy, type AsyncFailoverRun, type ReplicaStatus } from '../../src/scenarios/async-failover.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const replica = (id: string, appliedSeq: number, lastHeardMs: number, reachable = true): ReplicaStatus => ({ id, appliedSeq, lastHeardMs, reachable });

const listing = (replicas: readonly ReplicaStatus[]) =>
  replicas.map((r) => `  ${r.id}: applied up to #${r.appliedSeq}, last heard from the primary at ${r.lastHeardMs} ms, ${r.reachable ? 'reachable' : 'NOT reachable'}`).join('\n');

function expectChoice(learner: Learner, replicas: readonly ReplicaStatus[], expected: string | null, why: string): void {
  const got = learner.choosePromotion(replicas.map((r) => ({ ...r })));
  expect(got, `choosePromotion with these replicas (${why}):\n${listing(replicas)}\n`).toBe(expected);
}

const describeRun = (run: AsyncFailoverRun) =>
  run.replicas.map((r) => `${r.id} had #${r.appliedSeq} (last heard from P at ${r.lastHeardMs} ms)${r.reachable ? '' : ', down'}`).join('; ');

/** Seeds where the replicas lag by different amounts; the second list also crashes R1 just before the fail-over. */
const SEEDS = [1, 2, 3, 4, 5, 6];
const SEEDS_WITH_R1_DOWN = [2, 4];

/**
 * Up to eight replicas with distinct ids R1–R12 (so 'R10' < 'R2' as strings comes up), few distinct log
 * lengths (ties are common), times from never (-1) on, and any mix of reachable and down.
 */
const replicaLists = fc
  .uniqueArray(
    fc.record({ id: fc.integer({ min: 1, max: 12 }).map((n) => `R${n}`), appliedSeq: fc.nat(4), lastHeardMs: fc.integer({ min: -1, max: 300 }), reachable: fc.boolean() }),
    { selector: (r) => r.id, maxLength: 8 },
  )
  .map((replicas): [ReplicaStatus[]] => [replicas]);

export default defineTests<Learner>((learner) => {
  test('promotes the replica that has applied the most writes, not the one heard from last', () => {
    expectChoice(learner, [replica('R1', 40, 380), replica('R2', 43, 360), replica('R3', 41, 395)], 'R2',
      'R2 has the longest log; R3 heard from the primary last, but the entries it got then were older');
    expectChoice(learner, [replica('R1', 7, 120), replica('R2', 12, 118)], 'R2', 'R2 is five writes further');
  });

  test('never promotes a replica that cannot be reached', () => {
    expectChoice(learner, [replica('R1', 50, 400, false), replica('R2', 47, 390), replica('R3', 45, 395)], 'R2',
      'R1 has the longest log but is down; of the reachable ones, R2 is furthest');
  });

  test('breaks ties by the smallest id, and returns null when no replica can be reached', () => {
    expectChoice(learner, [replica('R1', 30, 300), replica('R2', 30, 310), replica('R3', 29, 320)], 'R1', 'R1 and R2 are tied; the smaller id wins');
    expectChoice(learner, [replica('R3', 30, 300), replica('R2', 30, 310), replica('R1', 12, 320)], 'R2', 'R3 and R2 are tied; the smaller id wins, whatever the list order');
    expectChoice(learner, [replica('R1', 30, 300, false), replica('R2', 31, 310, false)], null, 'no replica can be reached: nothing can be promoted');
    expectChoice(learner, [], null, 'there are no replicas at all');
  });

  test('agrees with the reference on generated replica lists', () => {
    checkAgainstReference({ name: 'choosePromotion', seed: 1531, runs: 100, inputs: replicaLists, learner: learner.choosePromotion, reference: Reference.choosePromotion });
  });

  test('loses the fewest acknowledged writes when an asynchronous primary crashes', () => {
    const runs = [
      ...SEEDS.map((seed) => ({ seed, crashes: [] as { node: string; atMs: number }[] })),
      ...SEEDS_WITH_R1_DOWN.map((seed) => ({ seed, crashes: [{ node: 'R1', atMs: 450 }] })),
    ];
    for (const { seed, crashes } of runs) {
      const run = runTwice(seed, (s) => asyncFailoverRun({ choose: learner.choosePromotion, replicaCrashes: crashes }, s));
      const story = `The primary P acknowledged ${run.acknowledged.length} writes (#1–#${run.acknowledged.length}) and crashed at ${run.crashAtMs} ms. At ${run.promoteAtMs} ms the replicas were: ${describeRun(run)}.`;
      const promoted = run.replicas.find((r) => r.id === run.chosen);
      if (promoted === undefined || !promoted.reachable) {
        const what = promoted === undefined ? `returned ${JSON.stringify(run.chosen)}, which is not a replica` : `picked ${promoted.id}, which is down and cannot take over`;
        throw violationFor(run, { ok: false, property: `${story} choosePromotion ${what}: the system is left with no primary.`, details: [], culprits: [] });
      }
      if (run.lost.length > run.fewestLost) {
        const better = run.replicas.filter((r) => r.reachable && writesLostBy(run.acknowledged, r.appliedSeq).length === run.fewestLost).map((r) => r.id);
        throw violationFor(run, {
          ok: false,
          property: `${story} choosePromotion picked ${promoted.id}: the ${run.lost.length} acknowledged writes after #${promoted.appliedSeq} (${run.lost.map((op) => String(op.input)).join(', ')}) are lost for good (c2's read from ${promoted.id} returns c1:${promoted.appliedSeq}), although promoting ${better.join(' or ')} would lose only ${run.fewestLost}.`,
          details: [],
          // The last lost writes, then the read from the new primary that no longer sees them.
          culprits: [...run.lost.slice(-2), ...run.history.filter((op) => op.client === 'c2')],
        });
      }
    }
  });
});
