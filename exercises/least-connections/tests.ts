import { defineTests, test, expect, PropertyViolation, sharedRuns, checkAgainstReference, fc, recordRun, storyEvents } from '../../src/testkit/index.ts';
import type { Operation } from '../../src/sim/index.ts';
import { roundRobinPolicy, runUnevenBackends, UNEVEN_BACKENDS, type UnevenRun } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
/** Round robin gives the slow backend 40 of these per second, 80% of what it can serve. */
const LOAD = { ratePerSec: 120, stopMs: 3000 };
const P99_FACTOR = 2;

const shares = (run: UnevenRun) => {
  const total = Object.values(run.routedTo).reduce((sum, count) => sum + count, 0);
  return UNEVEN_BACKENDS.map(({ id }) => `${id} ${run.routedTo[id]} (${Math.round((100 * run.routedTo[id]!) / total)}%)`).join(', ');
};

/** The run with its `count` slowest requests highlighted (those `only` keeps): the evidence of a latency or a share. */
const withSlowest = (run: UnevenRun, count: number, only: (op: Operation) => boolean = () => true) => {
  const latency = (op: Operation) => (op.completedAt as number) - op.invokedAt;
  const culprits = run.sim.history().filter((op) => op.outcome === 'ok' && only(op)).sort((a, b) => latency(b) - latency(a) || a.id - b.id).slice(0, count);
  return recordRun(run.sim, run.seed, storyEvents(run.sim, culprits));
};

/**
 * One to six backends with distinct names; counts small (so ties are common) or large, and the counts object
 * built in the backends' order or the reverse.
 */
const routingInputs = fc
  .tuple(
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), { minLength: 1, maxLength: 6 }),
    fc.array(fc.oneof(fc.nat(3), fc.nat(2 ** 31)), { minLength: 6, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([backends, counts, reversed]): [string[], Record<string, number>] => {
    const order = reversed ? [...backends].reverse() : backends;
    return [backends, Object.fromEntries(order.map((name) => [name, counts[backends.indexOf(name)]!]))];
  });

/** Round robin on the same traffic: the baseline, simulated once per seed (the learner's code takes no part). */
const roundRobinRun = sharedRuns((seed) => runUnevenBackends({ makePolicy: roundRobinPolicy, ...LOAD }, seed));

export default defineTests<Learner>((learner) => {
  // One run of the learner's policy per seed, shared by the two tests that judge it.
  const policyRun = sharedRuns((seed) => runUnevenBackends({ makePolicy: () => learner.leastConnections, ...LOAD }, seed));
  const learnerRun = (seed: number): UnevenRun => {
    const run = policyRun(seed);
    if (run.badPick !== null) throw new PropertyViolation({ property: `leastConnections returned "${run.badPick}", which is not one of the backends (${UNEVEN_BACKENDS.map(({ id }) => id).join(', ')}).`, seed, trace: [] });
    return run;
  };

  test('picks the backend with the fewest requests in flight', () => {
    expect(learner.leastConnections(['a', 'b', 'c'], { a: 3, b: 1, c: 2 }), 'in flight a:3, b:1, c:2').toBe('b');
    expect(learner.leastConnections(['a', 'b', 'c'], { a: 5, b: 4, c: 0 }), 'in flight a:5, b:4, c:0').toBe('c');
    expect(learner.leastConnections(['solo'], { solo: 7 }), 'a single backend with 7 in flight').toBe('solo');
  });

  test('breaks ties in favour of the backend listed first', () => {
    expect(learner.leastConnections(['a', 'b', 'c'], { a: 0, b: 0, c: 0 }), 'in flight a:0, b:0, c:0').toBe('a');
    expect(learner.leastConnections(['a', 'b', 'c'], { a: 2, b: 1, c: 1 }), 'in flight a:2, b:1, c:1').toBe('b');
    expect(learner.leastConnections(['c', 'b', 'a'], { a: 1, b: 1, c: 1 }), 'backends listed c, b, a, one in flight each').toBe('c');
  });

  test('agrees with the reference on generated backends and counts', () => {
    checkAgainstReference({ name: 'leastConnections', seed: 1541, runs: 100, inputs: routingInputs, learner: learner.leastConnections, reference: Reference.leastConnections });
  });

  test('halves round robin’s p99 latency on uneven backends', () => {
    for (const seed of SEEDS) {
      const mine = learnerRun(seed);
      const baseline = roundRobinRun(seed);
      const myP99 = mine.latency.percentile(0.99);
      const baseP99 = baseline.latency.percentile(0.99);
      if (myP99 * P99_FACTOR <= baseP99) continue;
      throw new PropertyViolation({
        property: `With your policy the p99 latency was ${myP99} ms; round robin’s was ${baseP99} ms on the same traffic. Looking at requests in flight should at least halve it.`,
        seed,
        trace: [
          `${LOAD.ratePerSec} requests per second for ${LOAD.stopMs} ms to fast1 and fast2 (about 4 ms per request) and slow (about 20 ms), one request at a time each`,
          `your policy sent: ${shares(mine)}`,
          `round robin sent: ${shares(baseline)}`,
          `p50 ${mine.latency.percentile(0.5)} ms with your policy, ${baseline.latency.percentile(0.5)} ms with round robin`,
        ],
        run: withSlowest(mine, 3),
      });
    }
  });

  test('sends the slow backend less than a quarter of the requests', () => {
    for (const seed of SEEDS) {
      const run = learnerRun(seed);
      const total = Object.values(run.routedTo).reduce((sum, count) => sum + count, 0);
      if (run.routedTo['slow']! < total / 4) continue;
      throw new PropertyViolation({
        property: `The slow backend, five times slower than the others, got ${run.routedTo['slow']} of ${total} requests; a policy that watches requests in flight gives it less than a quarter.`,
        seed,
        trace: [`your policy sent: ${shares(run)}`],
        run: withSlowest(run, 3, (op) => op.output === 'slow'),
      });
    }
  });
});
