/**
 * Grading over a fixed seed list: every seed runs twice and the two fingerprints must match (the learner's
 * code must be deterministic), and a failed check becomes a `PropertyViolation` with the seed, the
 * property sentence and the story of the failure.
 */
import { formatTraceLine, formatTraceLines, untraced } from '../sim/index.ts';
import type { Simulation } from '../sim/index.ts';
import type { CheckFailure, CheckResult } from './checkers/result.ts';
import { recordSeed } from './context.ts';
import { recordRun, rememberRebuild } from './recorded-run.ts';
import { storyEvents } from './scenario-story.ts';
import { PropertyViolation } from './violation.ts';

/** Anything that ran a simulation for a seed. */
export interface SeededRun {
  readonly seed: number;
  readonly sim: Simulation;
}

/** Context lines shown before the first difference of two runs that should have been identical. */
const DIVERGENCE_CONTEXT = 3;

function divergence(seed: number, first: Simulation, second: Simulation, fingerprints: readonly [string, string]): PropertyViolation {
  const a = first.trace.events();
  const b = second.trace.events();
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const lineA = a[i] === undefined ? 'the run had ended' : formatTraceLine(a[i]!);
    const lineB = b[i] === undefined ? 'the run had ended' : formatTraceLine(b[i]!);
    if (lineA === lineB) continue;
    const before = a.slice(Math.max(0, i - DIVERGENCE_CONTEXT), i).map((event) => formatTraceLine(event));
    return new PropertyViolation({
      property: `Your code behaved differently on two runs with the same seed: event ${i + 1} was "${lineA.trim()}" in the first run but "${lineB.trim()}" in a later one. Make every decision depend only on the inputs you are given (no Math.random, Date.now or state kept between calls).`,
      seed,
      trace: [...before, `first run: ${lineA}`, `later run: ${lineB}`],
    });
  }
  return new PropertyViolation({
    property: `Your code behaved differently on two runs with the same seed: the events read the same, but the content of a message differed (fingerprints ${fingerprints[0]} and ${fingerprints[1]}). Make every decision depend only on the inputs you are given.`,
    seed,
    trace: [],
  });
}

/** The functions `sharedRuns` made. */
const sharedBuilds = new WeakSet<(seed: number) => SeededRun>();

/**
 * Runs `build(seed)` twice, records both fingerprints for the running test, and throws a
 * `PropertyViolation` if they differ. Returns the first run.
 */
export function runTwice<Run extends SeededRun>(seed: number, build: (seed: number) => Run): Run {
  // Shared runs were run twice, and are recorded, when first asked for.
  if (sharedBuilds.has(build)) return build(seed);
  return runTwiceRecorded(seed, build).run;
}

interface TwiceRun<Run> {
  readonly run: Run;
  readonly fingerprints: readonly [string, string];
}

function runTwiceRecorded<Run extends SeededRun>(seed: number, build: (seed: number) => Run): TwiceRun<Run> {
  const first = build(seed);
  // The second run is read for its fingerprint alone, which tracing does not change: it keeps no trace.
  const second = untraced(() => build(seed));
  const fingerprints = [first.sim.fingerprint(), second.sim.fingerprint()] as const;
  recordSeed(seed, fingerprints, first.sim);
  // Runs that differ are told apart event by event, so the second is built again, traced.
  if (fingerprints[0] !== fingerprints[1]) throw divergence(seed, first.sim, build(seed).sim, fingerprints);
  // A failure drawn from this run builds it a third time, recording its nodes' states (recorded-run.ts).
  rememberRebuild(first.sim, () => build(seed).sim);
  return { run: first, fingerprints };
}

/**
 * `build`, run once per seed and shared by the tests that ask for that seed: the first request runs it twice,
 * as `runTwice` does, and every later one gets that run back and records the same fingerprints.
 *
 * Two places to create one, for two kinds of run:
 * - At module level, for a simulation the learner's code takes no part in: a load test whose samples the
 *   learner's code is then handed, a reference run a test compares with. A grading worker warms up by
 *   grading the reference solution, so the learner's own run finds these already simulated.
 * - Inside the `defineTests` callback, for a run of the learner's code that several tests check for different
 *   properties: the callback runs once per grading, so each grading (the warm-up's, the learner's) has its own.
 *
 * Hand the learner copies, never a shared run itself: a later test would see the changes. `runTwice` and
 * `checkSeeds` accept the result and do not run it again.
 */
export function sharedRuns<Run extends SeededRun>(build: (seed: number) => Run): (seed: number) => Run {
  const runs = new Map<number, TwiceRun<Run>>();
  const shared = (seed: number): Run => {
    const known = runs.get(seed);
    if (known !== undefined) {
      recordSeed(seed, known.fingerprints, known.run.sim);
      return known.run;
    }
    const twice = runTwiceRecorded(seed, build);
    runs.set(seed, twice);
    return twice.run;
  };
  sharedBuilds.add(shared);
  return shared;
}

/** The violation for a failed check on a run: its seed, its property sentence, its story and the run itself. */
export function violationFor(run: SeededRun, failure: CheckFailure): PropertyViolation {
  const story = storyEvents(run.sim, failure.culprits);
  return new PropertyViolation({ property: failure.property, seed: run.seed, trace: formatTraceLines(story), run: recordRun(run.sim, run.seed, story) });
}

/** The first failure among several check results, or a pass. */
export function firstFailure(...results: readonly CheckResult[]): CheckResult {
  return results.find((result) => !result.ok) ?? { ok: true };
}

/**
 * The usual body of a simulation test: for each seed, run twice (same fingerprint), then check; the first
 * failing seed throws its `PropertyViolation`.
 */
export function checkSeeds<Run extends SeededRun>(
  seeds: readonly number[],
  build: (seed: number) => Run,
  check: (run: Run) => CheckResult,
): void {
  for (const seed of seeds) {
    const run = runTwice(seed, build);
    const result = check(run);
    if (!result.ok) throw violationFor(run, result);
  }
}
