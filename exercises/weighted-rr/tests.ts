import { defineTests, test, expect, checkObjectsAgainstReference, fc } from '../../src/testkit/index.ts';
import { Rng } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

const SEEDS = [1, 2, 3, 4, 5];

function picks(balancer: { next(): string | null }, count: number): (string | null)[] {
  return Array.from({ length: count }, () => balancer.next());
}

/** Weights for 2–5 backends, each 0–6 and at least one positive, drawn from the seed. */
function randomWeights(seed: number): Record<string, number> {
  const rng = Rng.fromSeed(seed).fork('weights');
  const weights: Record<string, number> = {};
  const backends = rng.int(2, 5);
  for (let i = 0; i < backends; i++) weights[`s${i + 1}`] = rng.int(0, 6);
  if (Object.values(weights).every((weight) => weight === 0)) weights['s1'] = 1;
  return weights;
}

const describeWeights = (weights: Record<string, number>) => `{${Object.entries(weights).map(([name, weight]) => `${name}:${weight}`).join(', ')}}`;

/**
 * Zero to five backends from a few shared names, in any order, weights 0–6 (zeros and ties often), sometimes
 * all scaled up to millions (a scale shrinks away in one step, so a failure shows small weights where it can).
 */
const weightsArgs = fc
  .tuple(fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.nat(6)), { selector: ([name]) => name, maxLength: 5 }), fc.constantFrom(1, 1_000_003))
  .map(([entries, scale]): [Record<string, number>] => [Object.fromEntries(entries.map(([name, weight]) => [name, weight * scale]))]);

export default defineTests<typeof Solution>((learner) => {
  test('picks a a b a c a a for weights {a:5, b:1, c:1}', () => {
    const balancer = new learner.SmoothWeightedRoundRobin({ a: 5, b: 1, c: 1 });
    expect(picks(balancer, 14).join(' '), 'the first 14 picks for {a:5, b:1, c:1}').toBe('a a b a c a a a a b a c a a');
  });

  test('breaks ties in favour of the backend listed first', () => {
    expect(picks(new learner.SmoothWeightedRoundRobin({ a: 1, b: 1, c: 1 }), 6).join(' '), 'six picks for {a:1, b:1, c:1}').toBe('a b c a b c');
    expect(picks(new learner.SmoothWeightedRoundRobin({ x: 2, y: 2, z: 1 }), 5).join(' '), 'five picks for {x:2, y:2, z:1}').toBe('x y z x y');
  });

  test('gives every backend exactly its weight in each round of W picks', () => {
    for (const seed of SEEDS) {
      const weights = randomWeights(seed);
      const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
      // The learner's code gets a copy: the weights are also what the counts are compared with.
      const balancer = new learner.SmoothWeightedRoundRobin({ ...weights });
      for (let round = 1; round <= 3; round++) {
        const sequence = picks(balancer, total);
        const counts = Object.fromEntries(Object.keys(weights).map((name) => [name, sequence.filter((picked) => picked === name).length]));
        expect(counts, `picks per backend in round ${round} (${total} picks) for weights ${describeWeights(weights)} (seed ${seed}); picks: ${sequence.join(' ')}`).toEqual(weights);
      }
    }
  });

  test('spreads the picks of a round instead of sending them in a block', () => {
    // No backend here holds more than half the total weight, so within a round none needs two turns in a row.
    const cases: Record<string, number>[] = [{ a: 3, b: 2, c: 1 }, { a: 2, b: 1, c: 1 }, { a: 4, b: 4 }];
    for (const weights of cases) {
      const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
      const balancer = new learner.SmoothWeightedRoundRobin({ ...weights });
      for (let round = 1; round <= 3; round++) {
        const sequence = picks(balancer, total);
        const repeat = sequence.findIndex((picked, i) => i > 0 && picked === sequence[i - 1]);
        expect(repeat, `position in round ${round} of the first backend picked twice in a row for ${describeWeights(weights)} (-1 = none); the round's picks: ${sequence.join(' ')}`).toBe(-1);
      }
    }
  });

  test('two balancers side by side agree with the reference, call by call', () => {
    checkObjectsAgainstReference({
      make: 'new SmoothWeightedRoundRobin', makeArgs: weightsArgs, instances: 2, maxCalls: 24,
      call: fc.constant({ method: 'next', args: [] }),
      learner: (weights) => new learner.SmoothWeightedRoundRobin(weights),
      reference: (weights) => new Reference.SmoothWeightedRoundRobin(weights),
      seed: 1551, runs: 50,
    });
  });

  test('skips backends of weight 0, and returns null when every weight is 0', () => {
    expect(picks(new learner.SmoothWeightedRoundRobin({ a: 0, b: 2, c: 1 }), 6).join(' '), 'six picks for {a:0, b:2, c:1}').toBe('b c b b c b');
    expect(picks(new learner.SmoothWeightedRoundRobin({ a: 0, b: 0 }), 2), 'two picks for {a:0, b:0}').toEqual([null, null]);
    expect(picks(new learner.SmoothWeightedRoundRobin({}), 1), 'a pick with no backends').toEqual([null]);
  });
});
