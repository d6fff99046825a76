/**
 * The version of a recorded run's shape (contract.ts, `recordedRun`), on its own so the code that writes runs
 * (the testkit, inside the grading worker) and the page that draws them need not load zod to agree on it.
 * Bump it whenever the shape changes: a page never draws a run it cannot read.
 */
export const recordedRunVersion = 2;
