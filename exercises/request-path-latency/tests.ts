import { defineTests, test, PropertyViolation, runTwice, storyLines, checkAgainstReference, fc } from '../../src/testkit/index.ts';
import { describePath, randomPath, runRequestPath, type Hop } from '../../src/scenarios/request-path.ts';
import { Rng } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

/** Sends one request along `path` in the simulation and demands the learner's number match the client's wait. */
function expectSimulatedLatency(learner: Learner, path: Hop, seed = 1): void {
  const run = runTwice(seed, (runSeed) => runRequestPath(path, runSeed));
  // The learner gets a copy, so a function that changes its argument cannot change what the test compares.
  const answer = learner.endToEndLatency(structuredClone(path) as Solution.Hop);
  if (answer === run.latencyMs) return;
  throw new PropertyViolation({
    property: `endToEndLatency returned ${String(answer)} ms, but in the simulation the client sent the request at ${run.operation.invokedAt} ms and got the reply at ${run.operation.completedAt} ms: ${run.latencyMs} ms. Read the timeline below hop by hop (→ is the way there, ← the way back).`,
    seed,
    trace: [`path: ${describePath(path)}`, ...storyLines(run.sim, [run.operation])],
  });
}

/**
 * Trees of hops up to four levels deep: latencies of 0–5 ms (zeros and ties often) or large, calls absent, empty
 * or up to three, one after another or in parallel.
 */
const millis = fc.oneof({ arbitrary: fc.nat(5), weight: 4 }, { arbitrary: fc.nat(2 ** 30), weight: 1 });
const { hop } = fc.letrec<{ hop: Solution.Hop }>((tie) => ({
  hop: fc.record(
    {
      node: fc.constantFrom('lb', 'app', 'db', 'cache'),
      networkMs: millis,
      backMs: millis,
      workMs: millis,
      calls: fc.array(tie('hop'), { maxLength: 3, depthIdentifier: 'path' }),
      parallel: fc.boolean(),
    },
    { requiredKeys: ['node', 'networkMs', 'backMs', 'workMs'] },
  ),
}));
const pathInputs = hop.map((path): [Solution.Hop] => [path]);

export default defineTests<Learner>((learner) => {
  test('adds up a straight path there and back', () => {
    expectSimulatedLatency(learner, {
      node: 'lb', networkMs: 2, backMs: 2, workMs: 1,
      calls: [{ node: 'app', networkMs: 1, backMs: 1, workMs: 6, calls: [{ node: 'db', networkMs: 1, backMs: 1, workMs: 9 }] }],
    });
  });

  test("uses each link's own latency in each direction", () => {
    // A reply can take longer than its request: a big result set, a congested return route.
    expectSimulatedLatency(learner, {
      node: 'lb', networkMs: 3, backMs: 7, workMs: 0,
      calls: [{ node: 'app', networkMs: 1, backMs: 4, workMs: 2, calls: [{ node: 'db', networkMs: 2, backMs: 12, workMs: 5 }] }],
    });
  });

  test('adds calls made one after another', () => {
    expectSimulatedLatency(learner, {
      node: 'lb', networkMs: 2, backMs: 2, workMs: 1,
      calls: [{
        node: 'app', networkMs: 1, backMs: 1, workMs: 3, parallel: false,
        calls: [
          { node: 'auth', networkMs: 1, backMs: 1, workMs: 4 },
          { node: 'db', networkMs: 2, backMs: 2, workMs: 10 },
          { node: 'search', networkMs: 2, backMs: 2, workMs: 6 },
        ],
      }],
    });
  });

  test('waits only for the slowest of parallel calls', () => {
    expectSimulatedLatency(learner, {
      node: 'lb', networkMs: 2, backMs: 2, workMs: 1,
      calls: [{
        node: 'app', networkMs: 1, backMs: 1, workMs: 3, parallel: true,
        calls: [
          { node: 'cache', networkMs: 1, backMs: 1, workMs: 1 },
          { node: 'db', networkMs: 2, backMs: 3, workMs: 15 },
          { node: 'search', networkMs: 2, backMs: 2, workMs: 8 },
        ],
      }],
    });
  });

  test('agrees with the reference on generated paths', () => {
    checkAgainstReference({ name: 'endToEndLatency', seed: 1571, runs: 100, inputs: pathInputs, learner: learner.endToEndLatency, reference: Reference.endToEndLatency });
  });

  test('agrees with the simulation on 40 random paths', () => {
    for (let seed = 1; seed <= 40; seed++) expectSimulatedLatency(learner, randomPath(Rng.fromSeed(seed)), seed);
  });
});
