import { defineTests, test, PropertyViolation, sharedRuns, checkAgainstReference, fc } from '../../src/testkit/index.ts';
import { latencySamples, loadTestRuns, type LoadRun, type LoadTest, type ServerSpec } from '../../src/scenarios/load-server.ts';
import { BOTTLENECK_SERVERS, LOAD_STEPS, SLO_MS, STEP_MS, type BottleneckServer } from '../../src/scenarios/bottleneck-servers.ts';
import { nearestRank } from '../../src/sim/index.ts';
import type { SeededRun } from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Verdict = Solution.Verdict;

const SEEDS = [1, 2, 3];

interface LoadTestRun extends SeededRun {
  readonly samples: Solution.LatencySample[];
}

function runLoadTest(server: ServerSpec, seed: number): LoadTestRun {
  const loadTest: LoadTest = { server, users: LOAD_STEPS, durationMs: STEP_MS };
  const runs: LoadRun[] = loadTestRuns(loadTest, seed);
  // One fingerprint for the whole load test: the last level's run stands for all (they share the seed).
  return { seed, sim: (runs[runs.length - 1] as LoadRun).sim, samples: latencySamples(loadTest, runs) };
}

/** Each server's load test per seed, simulated once per grading: the learner's code only reads the samples. */
const loadTestsOf = Object.fromEntries(
  Object.entries(BOTTLENECK_SERVERS).map(([name, server]) => [name, sharedRuns((seed) => runLoadTest(server, seed))]),
) as Record<BottleneckServer, (seed: number) => LoadTestRun>;

function describeSample(sample: Solution.LatencySample): string {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[nearestRank(q, sorted.length) - 1];
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
  return `${String(sample.users).padStart(2)} users: ${sorted.length} requests, mean ${mean.toFixed(1)} ms, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, slowest ${sorted[sorted.length - 1]} ms`;
}

function expectVerdict(learner: Learner, serverName: BottleneckServer, expected: Verdict, order: (samples: Solution.LatencySample[]) => Solution.LatencySample[] = (samples) => samples): void {
  for (const seed of SEEDS) {
    const run = loadTestsOf[serverName](seed);
    const samples = order(run.samples);
    const verdict = learner.classify(structuredClone(samples), SLO_MS);
    if (verdict === expected) continue;
    throw new PropertyViolation({
      property: `classify returned ${JSON.stringify(verdict)} for the "${serverName}" server, but its load test says ${JSON.stringify(expected)} (SLO: p99 ≤ ${SLO_MS} ms).`,
      seed,
      trace: [`samples in the order classify received them:`, ...samples.map(describeSample)],
    });
  }
}

/**
 * One to five samples with distinct user counts, each with 1–5 latencies or exactly 100 or 200 (where 99% of n
 * is a whole number), latencies of 0–12 ms (ties often) and perhaps one slow outlier, and an SLO often exactly
 * one of the latencies.
 */
const latencies = fc
  .tuple(
    fc.oneof(...[[0, 4], [99, 99], [199, 199]].map(([min, max]) => fc.array(fc.nat(12), { minLength: min, maxLength: max }))),
    // One more request, anywhere in the list, that may be a slow outlier: the tail p99 is about.
    fc.oneof(fc.nat(12), fc.nat(2 ** 31)),
    fc.nat(),
  )
  .map(([rest, outlier, at]) => {
    const list = [...rest];
    list.splice(at % (rest.length + 1), 0, outlier);
    return list;
  });
const classifyInputs = fc
  .tuple(fc.uniqueArray(fc.nat(64), { minLength: 1, maxLength: 5 }), fc.array(latencies, { minLength: 5, maxLength: 5 }), fc.nat(12), fc.boolean())
  .map(([users, lists, slo, fromLatencies]): [Solution.LatencySample[], number] => {
    const samples = users.map((count, i) => ({ users: count, latenciesMs: lists[i]! }));
    const all = samples.flatMap((sample) => sample.latenciesMs);
    return [samples, fromLatencies ? all[slo % all.length]! : slo];
  });

export default defineTests<Learner>((learner) => {
  test('calls a server that is slow for one user a performance problem', () => {
    expectVerdict(learner, 'slow', 'performance');
  });

  test('calls a server that slows down under load a scalability problem', () => {
    expectVerdict(learner, 'locked', 'scalability');
  });

  test('calls a healthy server ok', () => {
    expectVerdict(learner, 'healthy', 'ok');
  });

  test('judges by p99, not by the mean', () => {
    expectVerdict(learner, 'spiky', 'performance');
  });

  test('agrees with the reference on generated samples', () => {
    checkAgainstReference({ name: 'classify', seed: 1591, runs: 100, inputs: classifyInputs, learner: learner.classify, reference: Reference.classify });
  });

  test('finds the lightest load level wherever it is in the list', () => {
    expectVerdict(learner, 'locked', 'scalability', (samples) => [...samples].reverse());
  });
});
