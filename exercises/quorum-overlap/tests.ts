import {
  defineTests,
  test,
  expect,
  PropertyViolation,
  checkBoundedStaleness,
  sharedRuns,
  staleReads,
  violationFor,
  checkAgainstReference,
  fc,
} from '../../src/testkit/index.ts';
import { quorumRegisterRun } from '../../src/scenarios/register-runs.ts';
import { lwwMerge } from '../cap-register/solution.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [21, 22, 23];

/** (N, W, R) run in the simulation: four strong configurations and four that are not. */
const CONFIGURATIONS = [
  [3, 2, 2], [3, 3, 1], [5, 3, 3], [5, 4, 2],
  [3, 1, 1], [3, 2, 1], [5, 2, 3], [5, 3, 2],
] as const;

/** Each configuration's runs, simulated once per seed per grading: the learner's code only picks which to check. */
const RUNS = new Map(CONFIGURATIONS.map(([n, w, r]) => [`${n},${w},${r}`, sharedRuns((seed) => quorumRegisterRun({ merge: lwwMerge, n, w, r }, seed))]));
const runOf = (n: number, w: number, r: number) => RUNS.get(`${n},${w},${r}`)!;

/** `target` moved by −1, 0 or +1, kept within [min, max]: the values on both sides of a threshold. */
const around = (target: number, min: number, max: number) => fc.integer({ min: -1, max: 1 }).map((step) => Math.min(max, Math.max(min, target + step)));

/**
 * (n, w, r) over the whole stated domain: every small cluster (n up to 12) or any size up to 2^53 − 1; w and r
 * anywhere in range, or right at a threshold (w beside n/2, r beside n − w), or at an end (w = 1 or n, r = 0 or n).
 */
const quorumInputs = fc
  .oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }))
  .chain((n) => fc.tuple(fc.constant(n), fc.oneof(fc.integer({ min: 1, max: n }), around(Math.floor(n / 2), 1, n), fc.constantFrom(1, n))))
  .chain(([n, w]) => fc.tuple(fc.constant(n), fc.constant(w), fc.oneof(fc.integer({ min: 0, max: n }), around(n - w, 0, n), fc.constantFrom(0, n))));

export default defineTests<Learner>((learner) => {
  test('accepted quorums serve no stale reads', () => {
    const accepted = CONFIGURATIONS.filter(([n, w, r]) => learner.isStrongQuorum(n, w, r) === true);
    if (accepted.length === 0) {
      throw new PropertyViolation({
        property: `isStrongQuorum returned true for none of the ${CONFIGURATIONS.length} configurations run here (${CONFIGURATIONS.map(([n, w, r]) => `${n}/${w}/${r}`).join(', ')}), so this test has no accepted quorum to judge: accept the ones whose read and write quorums always overlap.`,
        seed: SEEDS[0]!,
        trace: [],
      });
    }
    for (const [n, w, r] of accepted) {
      for (const seed of SEEDS) {
        const run = runOf(n, w, r)(seed);
        const stale = checkBoundedStaleness(run.history);
        if (!stale.ok) {
          throw violationFor(run, { ...stale, property: `isStrongQuorum(${n}, ${w}, ${r}) returned true, but with N=${n}, W=${w}, R=${r}: ${stale.property}` });
        }
      }
    }
  });

  test('rejected quorums do serve stale reads', () => {
    const rejected = CONFIGURATIONS.filter(([n, w, r]) => learner.isStrongQuorum(n, w, r) !== true);
    if (rejected.length === 0) {
      throw new PropertyViolation({
        property: `isStrongQuorum returned true for all ${CONFIGURATIONS.length} configurations run here (${CONFIGURATIONS.map(([n, w, r]) => `${n}/${w}/${r}`).join(', ')}), so this test has no rejected quorum to judge: reject the ones that can miss a write.`,
        seed: SEEDS[0]!,
        trace: [],
      });
    }
    for (const [n, w, r] of rejected) {
      const stale = SEEDS.reduce((count, seed) => count + staleReads(runOf(n, w, r)(seed).history).length, 0);
      if (stale > 0) continue;
      throw new PropertyViolation({
        property: `isStrongQuorum(${n}, ${w}, ${r}) returned false, but ${SEEDS.length} seeded runs with N=${n}, W=${w}, R=${r} served no stale read: this configuration is strong, so reject only the ones that can miss a write.`,
        seed: SEEDS[0]!,
        trace: [`N=${n} replicas; each write waits for ${w} of them, each read asks ${r} and takes the newest version`],
      });
    }
  });

  test('R + W must exceed N, not just reach it', () => {
    const cases = [
      [4, 3, 1, false], [6, 4, 2, false], [2, 2, 0, false],
      [4, 3, 2, true], [6, 4, 3, true], [2, 2, 1, true],
    ] as const;
    for (const [n, w, r, strong] of cases) {
      expect(learner.isStrongQuorum(n, w, r), `isStrongQuorum(${n}, ${w}, ${r}): R + W = ${r + w}, N = ${n}`).toBe(strong);
    }
  });

  test('two write quorums must overlap too (W > N/2)', () => {
    const cases = [
      [3, 1, 3, false], [4, 2, 3, false], [5, 2, 4, false],
      [4, 3, 2, true], [5, 3, 3, true], [1, 1, 1, true],
    ] as const;
    for (const [n, w, r, strong] of cases) {
      expect(learner.isStrongQuorum(n, w, r), `isStrongQuorum(${n}, ${w}, ${r}): two writes of ${w} replica${w === 1 ? '' : 's'} each, out of ${n}`).toBe(strong);
    }
  });

  test('agrees with the reference on generated clusters, from one replica to 2^53 − 1', () => {
    checkAgainstReference({ name: 'isStrongQuorum', seed: 3311, runs: 100, inputs: quorumInputs, learner: learner.isStrongQuorum, reference: Reference.isStrongQuorum });
  });
});
