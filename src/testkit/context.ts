/**
 * The context of the test that is running now. Scenario helpers record every seed they grade here, with the
 * fingerprints of its two runs, so the runner can report them and prove each seed replays identically.
 * Tests are synchronous and run one at a time, so one module-level slot is enough.
 */
import { setGraderFailureSink } from './boundary/membrane.ts';
import { isBoundaryRefusal } from './boundary/refusal.ts';
import { isAssertionError } from './expect.ts';
import { isPropertyViolation } from './violation.ts';
import type { Simulation } from '../sim/index.ts';

export interface RecordedSeed {
  readonly seed: number;
  readonly fingerprints: readonly [string, string];
  /** The simulation that ran, when the caller handed it over: a failure may be drawn from it. */
  readonly sim?: Simulation;
}

let recorded: RecordedSeed[] | null = null;

/**
 * Records that the running test graded `seed` and got these two fingerprints from its two runs (`sim` being
 * the first of them, kept for the test's lifetime so a failure on that seed can show its run).
 */
export function recordSeed(seed: number, fingerprints: readonly [string, string], sim?: Simulation): void {
  if (recorded === null) throw new Error('recordSeed() was called outside a running test.');
  recorded.push({ seed, fingerprints: [fingerprints[0], fingerprints[1]], ...(sim === undefined ? {} : { sim }) });
}

export type TestOutcome = { readonly threw: false } | { readonly threw: true; readonly error: unknown };

/** A failed check, whoever caught it: a failed `expect`, a property violation, or a value the boundary refused. */
function isVerdict(error: unknown): boolean {
  return isAssertionError(error) || isPropertyViolation(error) || isBoundaryRefusal(error);
}

/**
 * For the runner: runs one test body in a fresh context and returns how it ended and the seeds it recorded.
 * A verdict raised inside a callback the tests handed to learner code ends the test as failed even when learner
 * code caught it; being the first thing that went wrong, it is what the test reports.
 */
export function runInTestContext(body: () => void): { outcome: TestOutcome; seeds: RecordedSeed[] } {
  const seeds: RecordedSeed[] = [];
  let swallowed: { readonly error: unknown } | undefined;
  recorded = seeds;
  setGraderFailureSink((error) => {
    if (swallowed === undefined && isVerdict(error)) swallowed = { error };
  });
  try {
    body();
    return { outcome: swallowed === undefined ? { threw: false } : { threw: true, error: swallowed.error }, seeds };
  } catch (error) {
    return { outcome: { threw: true, error: swallowed === undefined ? error : swallowed.error }, seeds };
  } finally {
    recorded = null;
    setGraderFailureSink(null);
  }
}
