import { defineTests, test, expect, PropertyViolation, sharedRuns, checkAgainstReference, fc, sameData, show, type Answer } from '../../src/testkit/index.ts';
import { appTierRun } from '../../src/scenarios/app-tier.ts';
import { SCALE_OUT } from '../../src/scenarios/bottleneck-servers.ts';
import { trafficStats } from '../../src/scenarios/traffic-stats.ts';
import type { SeededRun } from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const TOLERANCE = 1e-9;
const EFFICIENCY_FLOOR = 0.8;

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

/** One generated run, before its completions are laid out. */
interface RunSpec {
  nodes: number;
  fromMs: number;
  lengthMs: number;
  inside: number;
  /** Completions outside the window: −k is k ms before fromMs (never before 0 ms), k is k ms after toMs (0: exactly at toMs). */
  outside: number[];
  /** Set: complete just enough requests (give or take this many) for an efficiency of exactly 0.8. */
  nearFloor: number | null;
}

/** `count` completions spread over [fromMs, fromMs + lengthMs), the first exactly at fromMs. */
const spread = (count: number, fromMs: number, lengthMs: number) => Array.from({ length: count }, (_, i) => fromMs + Math.floor((i * lengthMs) / count));

/**
 * Up to five runs in any order, with distinct node counts (1 to 12, or up to 1000, so that 10 and more come
 * up), windows of whole milliseconds 1 ms to 3 s long, completions inside the window and before, at and after
 * its edges, in no particular order. A run may complete nothing in its window, except the one with the fewest
 * nodes; some runs complete just enough for an efficiency of exactly 0.8, or one request more or fewer.
 */
const scalingInputs = fc
  .uniqueArray(
    fc.record({
      nodes: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1000 })),
      fromMs: fc.nat(5000),
      lengthMs: fc.oneof(fc.constantFrom(250, 1000, 2000), fc.integer({ min: 1, max: 3000 })),
      inside: fc.nat(24),
      outside: fc.array(fc.oneof(fc.constantFrom(-1, 0), fc.integer({ min: -100, max: 100 })), { maxLength: 4 }),
      nearFloor: fc.option(fc.integer({ min: -1, max: 1 }), { freq: 2 }),
    }),
    { maxLength: 5, selector: (spec) => spec.nodes },
  )
  .map((specs: RunSpec[]): [Solution.ScalingRun[]] => {
    const base = specs.reduce<RunSpec | undefined>((least, spec) => (least === undefined || spec.nodes < least.nodes ? spec : least), undefined);
    const baseRate = base === undefined ? 0 : Math.max(1, base.inside) / base.lengthMs;
    const runs = specs.map((spec) => {
      // Completions for an efficiency of 0.8, when that is a count a short run can reach.
      const atFloor = Math.round(0.8 * baseRate * spec.lengthMs * (spec.nodes / base!.nodes)) + (spec.nearFloor ?? 0);
      const inside = spec === base ? Math.max(1, spec.inside) : spec.nearFloor === null || atFloor > 200 ? spec.inside : Math.max(0, atFloor);
      const toMs = spec.fromMs + spec.lengthMs;
      const outside = spec.outside.map((offset) => (offset < 0 ? Math.max(0, spec.fromMs + offset) : toMs + offset));
      // Shuffled (by the remainder mod 7, then latest first): completions come in no particular order.
      const completions = [...spread(inside, spec.fromMs, spec.lengthMs), ...outside].sort((a, b) => (b % 7) - (a % 7) || b - a);
      return { nodes: spec.nodes, completions, fromMs: spec.fromMs, toMs };
    });
    return [runs];
  });

/**
 * The reference's points (within 1e-9), and its saturatesAt; an efficiency within 1e-9 of 0.8 may count as below
 * it or not, since a formula in another order may round it either way (an exact 0.8 is judged by a fixed test).
 */
function judgeReport(got: Answer<Solution.ScalingReport>, expected: Answer<Solution.ScalingReport>): string | null {
  if (!('returned' in expected)) return null;
  const want = expected.returned;
  if ('threw' in got) return `should return ${show(want)}, but yours threw: ${got.threw}`;
  const mine = got.returned;
  if (!sameData(mine?.points, want.points)) return `should give the points ${show(want.points)}, but yours gave ${show(mine?.points)}.`;
  const allowed: (number | null)[] = [];
  for (const point of want.points) {
    if (point.efficiency >= EFFICIENCY_FLOOR + 1e-9) continue;
    allowed.push(point.nodes);
    if (point.efficiency < EFFICIENCY_FLOOR - 1e-9) break;
  }
  if (want.points.every((point) => point.efficiency >= EFFICIENCY_FLOOR - 1e-9)) allowed.push(null);
  if (allowed.includes(mine.saturatesAt)) return null;
  return `should give saturatesAt ${allowed.map((nodes) => show(nodes)).join(' or ')}, the first node count below ${EFFICIENCY_FLOOR} efficiency, but yours gave ${show(mine.saturatesAt)}.`;
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

  test('agrees with the reference on generated runs, windows and completions', () => {
    checkAgainstReference({ name: 'scalingEfficiency', seed: 3351, runs: 60, inputs: scalingInputs, learner: learner.scalingEfficiency, reference: Reference.scalingEfficiency, judge: judgeReport });
  });
});
