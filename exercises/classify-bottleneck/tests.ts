import { defineTests, test, PropertyViolation, sharedRuns } from '../../src/testkit/index.ts';
import { latencySamples, loadTestRuns, type LoadRun, type LoadTest, type ServerSpec } from '../../src/testkit/scenarios/load-server.ts';
import { BOTTLENECK_SERVERS, LOAD_STEPS, SLO_MS, STEP_MS, type BottleneckServer } from '../../src/testkit/scenarios/bottleneck-servers.ts';
import { nearestRank } from '../../src/sim/index.ts';
import type { SeededRun } from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';

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

  test('finds the lightest load level wherever it is in the list', () => {
    expectVerdict(learner, 'locked', 'scalability', (samples) => [...samples].reverse());
  });
});
