/**
 * Scenarios with sizes, and failures shrunk before they are shown. A scenario declared with `shrinkableScenario`
 * names the parameters that make it big (clients, operations, faults), each with the graded value and the
 * smallest value that still tells the scenario's story. `checkScenario` grades it on fixed seeds like
 * `checkSeeds`; when a seed fails, fast-check shrinks the parameters towards their smallest values while the
 * same seed still fails the same check (its window still happening), and the learner is shown that smallest run
 * with what shrank: "from 2,412 events to 87: clients 3 → 1, increments per client 30 → 2".
 *
 * Shrinking is bounded by a number of tries, not by a clock, so the same code and seed shrink to the same run
 * on every machine, and "Replay this run" draws it again.
 */
import type { ShrinkReport } from '../runner/contract.ts';
import type { CheckFailure, CheckResult } from './checkers/result.ts';
import type { Arbitrary } from 'fast-check';
import { fc } from './generative.ts';
import { rememberRebuild, recordRun } from './recorded-run.ts';
import { runTwice, sharedRuns, type SeededRun } from './scenario-seeds.ts';
import { storyEvents } from './scenario-story.ts';
import { formatTraceLines, type TraceEvent } from '../sim/index.ts';
import { PropertyViolation } from './violation.ts';

/** One parameter that sizes a scenario. */
export interface ScenarioSize {
  /** The value every graded run uses: a whole number. */
  readonly graded: number;
  /** The smallest value that still tells the scenario's story; shrinking never goes below it. */
  readonly smallest: number;
  /** What the number counts, for the learner: "clients", "increments per client", "crashes". */
  readonly label: string;
}

/** The sizes of a scenario, by parameter name. */
export type ScenarioSizes<Params extends string> = Readonly<Record<Params, ScenarioSize>>;

/** What `shrinkableScenario` takes: the sizes, and how to build a run at any of them. */
export interface ShrinkableScenarioSpec<Params extends string, Run extends SeededRun> {
  readonly sizes: ScenarioSizes<Params>;
  /** Builds and runs the scenario for a seed at the given sizes. Must be deterministic, like any build. */
  readonly build: (seed: number, sizes: Readonly<Record<Params, number>>) => Run;
}

/** A scenario `checkScenario` can grade and shrink: its graded runs are shared by the tests that check them. */
export interface ShrinkableScenario<Params extends string, Run extends SeededRun> extends ShrinkableScenarioSpec<Params, Run> {
  /** Each size's graded value: what every graded run uses, and where shrinking starts. */
  readonly gradedSizes: Readonly<Record<Params, number>>;
  /** The graded run for a seed, run (twice) once per grading and handed to every test that asks. */
  readonly graded: (seed: number) => Run;
}

/**
 * Declares a scenario with sizes. Create it inside the `defineTests` callback when the learner's code takes part
 * (each grading gets its own graded runs, as with `sharedRuns`).
 */
export function shrinkableScenario<Params extends string, Run extends SeededRun>(
  spec: ShrinkableScenarioSpec<Params, Run>,
): ShrinkableScenario<Params, Run> {
  for (const [name, size] of Object.entries<ScenarioSize>(spec.sizes)) {
    if (!Number.isInteger(size.graded) || !Number.isInteger(size.smallest) || size.smallest > size.graded) {
      throw new Error(`shrinkableScenario: size "${name}" must have whole numbers with smallest ≤ graded (got ${size.smallest} and ${size.graded}).`);
    }
  }
  const gradedSizes = Object.fromEntries(Object.entries<ScenarioSize>(spec.sizes).map(([name, size]) => [name, size.graded])) as Record<Params, number>;
  return { ...spec, gradedSizes, graded: sharedRuns((seed) => spec.build(seed, gradedSizes)) };
}

/** What a test judges on each run of a scenario. */
export interface ScenarioJudge<Run> {
  /**
   * Whether the window the test is about happened in this run: null when it did, else a sentence saying what
   * did not happen. A graded run without its window fails the test (nothing would have been judged); a smaller
   * run without it is not a smaller case of this failure, so shrinking never keeps one.
   */
  readonly happened?: (run: Run) => string | null;
  /** The property itself. */
  readonly check: (run: Run) => CheckResult;
  /**
   * The property is judged on the run's final state (a total, convergence): the learner is shown what followed
   * the failure's operations rather than what led up to them (see recorded-run.ts, `judgedAtEnd`).
   */
  readonly judgedAtEnd?: boolean;
  /**
   * The failure's story, for a scenario whose evidence is not client operations (a job's deliveries between
   * nodes): the trace events to show and mark. Default: the story of the failure's culprits (scenario-story.ts).
   */
  readonly story?: (run: Run, failure: CheckFailure) => readonly TraceEvent[];
}

/** Smaller runs tried at most while shrinking one failure: a bound in runs, not time, so every machine shrinks alike. */
export const SHRINK_TRIES = 40;

let shrinking = true;

/**
 * Runs `body` with failures left at their graded sizes: how the bench measures what shrinking adds to a failing
 * test (`npm run bench -- shrink`). Not exported to hidden tests.
 */
export function withoutShrinking<T>(body: () => T): T {
  const outer = shrinking;
  shrinking = false;
  try {
    return body();
  } finally {
    shrinking = outer;
  }
}

interface Failed<Run> {
  readonly run: Run;
  readonly failure: CheckFailure;
}

/** The run's failure of this test, if it has one that counts: its window happened and the check decided. */
function failureOf<Run extends SeededRun>(run: Run, judge: ScenarioJudge<Run>): CheckFailure | null {
  if (judge.happened?.(run) != null) return null;
  const result = judge.check(run);
  return result.ok || result.inconclusive === true ? null : result;
}

/**
 * The smallest sizes at which `seed` still fails, found by fast-check's shrinking of the graded sizes (an
 * example that fails), within `SHRINK_TRIES` smaller runs. A smaller run that throws does not count.
 */
function shrink<Params extends string, Run extends SeededRun>(
  scenario: ShrinkableScenario<Params, Run>,
  seed: number,
  judge: ScenarioJudge<Run>,
  graded: Failed<Run>,
): { smallest: Failed<Run>; sizes: Readonly<Record<Params, number>>; tries: number } {
  const names = Object.keys(scenario.sizes) as Params[];
  const { gradedSizes } = scenario;
  let best = { smallest: graded, sizes: gradedSizes };
  let tries = 0;
  const ranges = Object.fromEntries(names.map((name) => [name, fc.integer({ min: scenario.sizes[name].smallest, max: scenario.sizes[name].graded })]));
  const sizes = fc.record(ranges) as unknown as Arbitrary<Record<Params, number>>;
  fc.check(
    fc.property(sizes, (candidate: Record<Params, number>) => {
      // The graded sizes are the example fast-check starts from: their failure is already known.
      if (names.every((name) => candidate[name] === gradedSizes[name])) return false;
      if (tries >= SHRINK_TRIES) return true;
      tries++;
      let run: Run;
      try {
        run = scenario.build(seed, candidate);
      } catch {
        return true;
      }
      const failure = failureOf(run, judge);
      if (failure === null) return true;
      best = { smallest: { run, failure }, sizes: { ...candidate } };
      return false;
    }),
    { examples: [[gradedSizes]], numRuns: 1, seed },
  );
  return { ...best, tries };
}

/** "clients 3 → 1" for each size that shrank. */
function shrinkReport<Params extends string>(scenario: ShrinkableScenario<Params, SeededRun>, sizes: Readonly<Record<Params, number>>, fromEvents: number, tries: number): ShrinkReport {
  const steps = (Object.keys(scenario.sizes) as Params[])
    .filter((name) => sizes[name] !== scenario.sizes[name].graded)
    .map((name) => ({ name: scenario.sizes[name].label, from: scenario.sizes[name].graded, to: sizes[name] }));
  return { fromEvents, steps, tries };
}

/**
 * Grades a shrinkable scenario on fixed seeds: each seed's graded run (run twice: same fingerprint) must show
 * its window, then pass the check. The first failing seed is shrunk, and throws a `PropertyViolation` whose run
 * is the smallest one that still failed, with what shrank.
 */
export function checkScenario<Params extends string, Run extends SeededRun>(
  seeds: readonly number[],
  scenario: ShrinkableScenario<Params, Run>,
  judge: ScenarioJudge<Run>,
): void {
  for (const seed of seeds) {
    const run = runTwice(seed, scenario.graded);
    const missing = judge.happened?.(run);
    if (missing != null) {
      throw new PropertyViolation({ property: missing, seed, trace: [], run: recordRun(run.sim, seed, []) });
    }
    const result = judge.check(run);
    if (result.ok) continue;
    const { smallest, sizes, tries } = shrinking ? shrink(scenario, seed, judge, { run, failure: result }) : { smallest: { run, failure: result }, sizes: scenario.gradedSizes, tries: 0 };
    const shrunk = smallest.run !== run;
    if (shrunk) rememberRebuild(smallest.run.sim, () => scenario.build(seed, sizes).sim);
    const story = judge.story?.(smallest.run, smallest.failure) ?? storyEvents(smallest.run.sim, smallest.failure.culprits);
    throw new PropertyViolation({
      property: smallest.failure.property,
      seed,
      trace: formatTraceLines(story),
      run: recordRun(smallest.run.sim, seed, story, {
        ...(shrunk || tries > 0 ? { shrunk: shrinkReport(scenario, sizes, run.sim.trace.size, tries) } : {}),
        ...(judge.judgedAtEnd === true ? { judgedAtEnd: true } : {}),
      }),
    });
  }
}
