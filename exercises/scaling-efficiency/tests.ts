import { defineTests, test, expect, PropertyViolation, sharedRuns } from '../../src/testkit/index.ts';
import { appTierRun } from '../../src/scenarios/app-tier.ts';
import { SCALE_OUT } from '../../src/scenarios/bottleneck-servers.ts';
import { trafficStats } from '../../src/scenarios/traffic-stats.ts';
import type { SeededRun } from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const TOLERANCE = 1e-9;

/** `count` completions spread evenly over [fromMs, toMs). */
function evenly(count: number, fromMs: number, toMs: number): number[] {
  return Array.from({ length: count }, (_, i) => fromMs + Math.floor((i * (toMs - fromMs)) / count));
}

function report(learner: Learner, runs: Solution.ScalingRun[]): Solution.ScalingReport {
  return learner.scalingEfficiency(structuredClone(runs));
}

function pointsOf(result: Solution.ScalingReport): string {
  return result.points.map((point) => `${point.nodes} nodes: ${point.throughputPerSec.toFixed(2)}/s, efficiency ${point.efficiency.toFixed(3)}`).join('; ');
}

interface ScaleOutRun extends SeededRun {
  readonly runs: Solution.ScalingRun[];
  /** What the simulation measured, per node count. */
  readonly expected: Solution.ScalingReport;
}

/** The load test at 1, 2, 4 and 8 app nodes; the 8-node run stands for the seed's fingerprint. */
function scaleOut(seed: number): ScaleOutRun {
  const loadRuns = SCALE_OUT.nodes.map((nodes) => appTierRun({ ...SCALE_OUT.tier, nodes, trace: false }, seed));
  const runs = loadRuns.map((run, i) => ({ nodes: SCALE_OUT.nodes[i]!, completions: run.requests.map((request) => request.end), fromMs: run.fromMs, toMs: run.toMs }));
  const throughputs = loadRuns.map((run) => trafficStats(run.requests, run.fromMs, run.toMs).throughputPerSec);
  const points = throughputs.map((throughputPerSec, i) => ({
    nodes: SCALE_OUT.nodes[i]!,
    throughputPerSec,
    efficiency: throughputPerSec / throughputs[0]! / SCALE_OUT.nodes[i]!,
  }));
  const saturated = points.find((point) => point.efficiency < SCALE_OUT.efficiencyFloor);
  return { seed, sim: loadRuns[loadRuns.length - 1]!.sim, runs, expected: { points, saturatesAt: saturated?.nodes ?? null } };
}

/** Simulated once per grading: the learner's code only reads the completions. */
const scaleOutRuns = sharedRuns(scaleOut);

const withNodes = (nodes: number) => `With ${nodes} node${nodes === 1 ? '' : 's'}`;

/** The first way `got` differs from what the simulation measured, in one sentence; null if it does not. */
function difference(got: Solution.ScalingReport, expected: Solution.ScalingReport): string | null {
  const nodes = got.points.map((point) => point.nodes).join(', ');
  if (nodes !== expected.points.map((point) => point.nodes).join(', ')) return `points should cover ${SCALE_OUT.nodes.join(', ')} nodes in that order, but yours cover [${nodes}].`;
  for (const [i, point] of expected.points.entries()) {
    const mine = got.points[i]!;
    if (!(Math.abs(mine.throughputPerSec - point.throughputPerSec) <= TOLERANCE * point.throughputPerSec)) {
      return `${withNodes(point.nodes)} throughputPerSec should be ${point.throughputPerSec.toFixed(2)}, but you reported ${String(mine.throughputPerSec)}.`;
    }
    if (!(Math.abs(mine.efficiency - point.efficiency) <= TOLERANCE)) {
      return `${withNodes(point.nodes)} efficiency should be ${point.efficiency.toFixed(3)}, but you reported ${String(mine.efficiency)}.`;
    }
  }
  if (got.saturatesAt !== expected.saturatesAt) {
    return `saturatesAt should be ${String(expected.saturatesAt)}, the first node count below ${SCALE_OUT.efficiencyFloor} efficiency, but you reported ${String(got.saturatesAt)}.`;
  }
  return null;
}

export default defineTests<Learner>((learner) => {
  test('measures throughput from the completions inside each window', () => {
    const completions = [50, 100, 150, 999, 1000, 1500, 2000, 2999, 3000, 3500];
    const result = report(learner, [{ nodes: 1, completions, fromMs: 1000, toMs: 3000 }]);
    expect(result.points.length, 'one run gives one point').toBe(1);
    expect(result.points[0]!.throughputPerSec, `completions ${completions.join(', ')} ms in the window [1000, 3000): 4 in 2 seconds`).toBeCloseTo(2, 9);
    expect(result.points[0]!.efficiency, 'the smallest run is its own baseline').toBeCloseTo(1, 9);
    expect(result.saturatesAt, 'a single run cannot be saturated').toBe(null);
  });

  test('compares every run with the smallest one, per node', () => {
    const runs = [
      { nodes: 4, completions: evenly(180, 0, 1000), fromMs: 0, toMs: 1000 },
      { nodes: 2, completions: evenly(100, 0, 1000), fromMs: 0, toMs: 1000 },
      { nodes: 8, completions: evenly(200, 0, 1000), fromMs: 0, toMs: 1000 },
    ];
    const result = report(learner, runs);
    expect(result.points.map((point) => point.nodes), 'points, fewest nodes first').toEqual([2, 4, 8]);
    const efficiencies = result.points.map((point) => Number(point.efficiency.toFixed(9)));
    expect(efficiencies, 'efficiencies for 100/s at 2 nodes, 180/s at 4 and 200/s at 8').toEqual([1, 0.9, 0.5]);
  });

  test('names the first node count below 80% efficiency, or null', () => {
    const run = (nodes: number, perSec: number) => ({ nodes, completions: evenly(perSec, 0, 1000), fromMs: 0, toMs: 1000 });
    expect(report(learner, [run(1, 100), run(2, 160), run(4, 300)]).saturatesAt, 'efficiencies 1, 0.8 (not below 0.8) and 0.75').toBe(4);
    expect(report(learner, [run(1, 100), run(2, 190), run(4, 360)]).saturatesAt, 'efficiencies 1, 0.95 and 0.9').toBe(null);
    expect(report(learner, []), 'the report for no runs at all').toEqual({ points: [], saturatesAt: null });
  });

  test('finds where the shared database saturates in the simulation', () => {
    for (const seed of SEEDS) {
      const run = scaleOutRuns(seed);
      const got = report(learner, run.runs);
      const problem = difference(got, run.expected);
      if (problem === null) continue;
      throw new PropertyViolation({
        property: problem,
        seed,
        trace: [
          `app nodes of one worker (8 ms per request) in front of one database (about 2 ms per query); ${SCALE_OUT.tier.usersPerNode} users per node`,
          ...run.runs.map((r) => `${r.nodes} nodes: ${r.completions.length} requests completed in the run, window [${r.fromMs}, ${r.toMs}) ms`),
          `simulation: ${pointsOf(run.expected)}`,
          `yours:      ${pointsOf(got)}`,
        ],
      });
    }
  });
});
