/**
 * The context of the test that is running now. Scenario helpers record every seed they grade here, with the
 * fingerprints of its two runs, so the runner can report them and prove each seed replays identically.
 * Tests are synchronous and run one at a time, so one module-level slot is enough.
 */
export interface RecordedSeed {
  readonly seed: number;
  readonly fingerprints: readonly [string, string];
}

let recorded: RecordedSeed[] | null = null;

/** Records that the running test graded `seed` and got these two fingerprints from its two runs. */
export function recordSeed(seed: number, fingerprints: readonly [string, string]): void {
  if (recorded === null) throw new Error('recordSeed() was called outside a running test.');
  recorded.push({ seed, fingerprints: [fingerprints[0], fingerprints[1]] });
}

export type TestOutcome = { readonly threw: false } | { readonly threw: true; readonly error: unknown };

/** For the runner: runs one test body in a fresh context and returns how it ended and the seeds it recorded. */
export function runInTestContext(body: () => void): { outcome: TestOutcome; seeds: RecordedSeed[] } {
  const seeds: RecordedSeed[] = [];
  recorded = seeds;
  try {
    body();
    return { outcome: { threw: false }, seeds };
  } catch (error) {
    return { outcome: { threw: true, error }, seeds };
  } finally {
    recorded = null;
  }
}
