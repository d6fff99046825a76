import { defineTests, test, expect, PropertyViolation, sharedRuns, checkAgainstReference, fc } from '../../src/testkit/index.ts';
import { openLoadRun, rateForUtilisation, type LoadRun, type ServerSpec } from '../../src/scenarios/load-server.ts';
import { quietWindow, trafficStats, type TrafficStats } from '../../src/scenarios/traffic-stats.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

/** One worker, exponential service around 10 ms: a capacity of 100 requests per second. */
const SERVER: ServerSpec = { workers: 1, service: { kind: 'exponential', meanMs: 10 } };
const DURATION_MS = 20_000;
const SEEDS = [1, 2, 3];
/** Little's law must hold this closely on the learner's own numbers. */
const LITTLE_TOLERANCE = 0.01;

type Field = keyof Solution.Summary;
const FIELDS: readonly Field[] = ['throughputPerSec', 'p50Ms', 'p99Ms', 'meanLatencyMs', 'meanInFlight'];

/** The boundary hands the learner a copy: sorting the trace in place cannot change what the test compares. */
function summarize(learner: Learner, trace: readonly Solution.RequestRecord[], from: number, to: number): Solution.Summary {
  return learner.summarize(trace as Solution.RequestRecord[], from, to);
}

function format(value: unknown): string {
  return typeof value === 'number' ? String(Number(value.toFixed(4))) : String(value);
}

function numbers(summary: Solution.Summary | TrafficStats): string {
  return FIELDS.map((field) => `${field}=${format(summary[field])}`).join(', ');
}

/**
 * An open-loop load run at utilisation `rho`, simulated once per seed per worker: the learner's code only reads
 * it. Untraced: a failure here tells the trace's numbers, not its events, and recording each run's 5,000–9,000
 * events took about a fifth of the time a worker spends simulating them.
 */
const loadRunsAt = (rho: number) =>
  sharedRuns((seed) => openLoadRun({ server: SERVER, ratePerSec: rateForUtilisation(SERVER, rho), durationMs: DURATION_MS, trace: false }, seed));
const LOAD_RUNS = new Map([0.5, 0.9].map((rho) => [rho, loadRunsAt(rho)]));

/** The window of a shared load run and the simulation's figures over it: the learner's code takes no part, so once per worker. */
const expectedOf = new WeakMap<LoadRun, { readonly window: { fromMs: number; toMs: number } | null; readonly stats: TrafficStats | null }>();
function expectedFor(run: LoadRun): { readonly window: { fromMs: number; toMs: number } | null; readonly stats: TrafficStats | null } {
  let known = expectedOf.get(run);
  if (known === undefined) {
    const window = quietWindow(run.requests, run.fromMs, run.toMs);
    known = { window, stats: window === null ? null : trafficStats(run.requests, window.fromMs, window.toMs) };
    expectedOf.set(run, known);
  }
  return known;
}

function checkLoad(learner: Learner, rho: number): void {
  const loadRuns = LOAD_RUNS.get(rho);
  if (loadRuns === undefined) throw new Error(`no load run is set up for utilisation ${rho}`);
  for (const seed of SEEDS) {
    const run: LoadRun = loadRuns(seed);
    const { window, stats: expected } = expectedFor(run);
    if (window === null || expected === null) throw new Error(`the load run for seed ${seed} never went quiet; the scenario needs a longer run`);
    const got = summarize(learner, run.requests, window.fromMs, window.toMs);
    const story = [
      `${run.requests.length} requests arrived at ${format(rateForUtilisation(SERVER, rho))} per second for ${DURATION_MS} ms; one worker, service around 10 ms (${Math.round(rho * 100)}% utilisation)`,
      `window: [${window.fromMs}, ${window.toMs}) ms, chosen to start and end with no request in flight`,
      `${expected.completed} requests completed in the window`,
      `simulation: ${numbers(expected)}`,
      `yours:      ${numbers(got)}`,
    ];
    const littleRight = (got.throughputPerSec * got.meanLatencyMs) / 1000;
    if (!(Math.abs(got.meanInFlight - littleRight) <= LITTLE_TOLERANCE * expected.meanInFlight)) {
      throw new PropertyViolation({
        property: `Little's law should hold within 1% over a window that starts and ends empty: meanInFlight (${format(got.meanInFlight)}) should equal throughputPerSec × meanLatencyMs / 1000 = ${format(got.throughputPerSec)} × ${format(got.meanLatencyMs)} / 1000 = ${format(littleRight)}.`,
        seed,
        trace: story,
      });
    }
    for (const field of FIELDS) {
      if (Math.abs(got[field] - expected[field]) <= 1e-9 * Math.max(1, Math.abs(expected[field]))) continue;
      throw new PropertyViolation({
        property: `${field} should be ${format(expected[field])} for this trace, but summarize returned ${format(got[field])}.`,
        seed,
        trace: story,
      });
    }
  }
}

/** Times near the window and each other, so edges, equal timestamps and empty windows come up often. */
const nearTime = fc.integer({ min: 0, max: 30 });
/** Every time of a case is shifted by one offset: small, or large enough to test large timestamps. */
const offset = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 40 }));
const traces = fc.array(fc.tuple(nearTime, fc.integer({ min: 0, max: 30 })), { maxLength: 12 });
const summarizeInputs = fc
  .tuple(traces, nearTime, fc.integer({ min: 1, max: 30 }), offset)
  .map(([requests, from, width, shift]): [Solution.RequestRecord[], number, number] => [
    requests.map(([start, length], i) => ({ id: i + 1, start: shift + start, end: shift + start + length })),
    shift + from,
    shift + from + width,
  ]);

export default defineTests<Learner>((learner) => {
  test('counts throughput as completed requests per second', () => {
    const trace = [
      { id: 1, start: 900, end: 1100 }, // started before the window, completes inside: counts
      { id: 2, start: 1200, end: 1250 },
      { id: 3, start: 1500, end: 2999 },
      { id: 4, start: 2500, end: 3000 }, // completes exactly at `to`: outside [from, to)
      { id: 5, start: 100, end: 999 },
      { id: 6, start: 2800, end: 3500 },
    ];
    const summary = summarize(learner, trace, 1000, 3000);
    expect(summary.throughputPerSec, 'requests 1, 2 and 3 complete in [1000, 3000): 3 requests in 2 seconds').toBe(1.5);
  });

  test('takes nearest-rank percentiles of the latencies', () => {
    const latencies = [5, 40, 100, 9, 12, 300, 7, 60, 8, 11];
    const trace = latencies.map((ms, i) => ({ id: i + 1, start: 1000 + 50 * i, end: 1000 + 50 * i + ms }));
    trace.push({ id: 11, start: 1500, end: 5000 }); // still running at the end of the window: no latency yet
    const summary = summarize(learner, trace, 1000, 2000);
    const described = `latencies ${latencies.join(', ')} ms`;
    expect(summary.p50Ms, `p50 of ${described}: the ⌈0.5·10⌉ = 5th smallest`).toBe(11);
    expect(summary.p99Ms, `p99 of ${described}: the ⌈0.99·10⌉ = 10th smallest`).toBe(300);
    expect(summary.meanLatencyMs, `mean of ${described}`).toBeCloseTo(55.2, 9);
  });

  test('averages requests in flight over the window, cut at its edges', () => {
    const trace = [
      { id: 1, start: 950, end: 1050 }, // 50 ms of it inside [1000, 1100)
      { id: 2, start: 1020, end: 1040 }, // 20 ms
      { id: 3, start: 1090, end: 1200 }, // 10 ms
      { id: 4, start: 1150, end: 1160 }, // none
    ];
    const summary = summarize(learner, trace, 1000, 1100);
    expect(summary.meanInFlight, 'in flight inside [1000, 1100): 50 + 20 + 10 request-milliseconds over 100 ms').toBeCloseTo(0.8, 9);
  });

  test('agrees with the reference on generated traces and windows', () => {
    checkAgainstReference({ name: 'summarize', seed: 1503, runs: 100, inputs: summarizeInputs, learner: learner.summarize, reference: Reference.summarize });
  });

  test("matches the simulation at 50% load, and Little's law holds", () => {
    checkLoad(learner, 0.5);
  });

  test("matches the simulation at 90% load, and Little's law holds", () => {
    checkLoad(learner, 0.9);
  });
});
