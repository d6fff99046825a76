/**
 * The results contract: what one grading run returns, identical in the browser worker and in Node.
 * The zod schema is the single source of truth; the UI renders every string in it as text, never HTML.
 */
import { z } from 'zod';

export const runStatus = z.enum(['pass', 'fail', 'error', 'timeout']);
export type RunStatus = z.infer<typeof runStatus>;

/** A place in the learner's own file: 1-based line and column. */
export const learnerPosition = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type LearnerPosition = z.infer<typeof learnerPosition>;

/** A compile (transpile) error, positioned in the learner's own file. */
export const compileError = z.object({ message: z.string(), ...learnerPosition.shape });
export type CompileError = z.infer<typeof compileError>;

/** One seed a simulation test ran, with the fingerprint of each of its two runs. */
export const seedFingerprint = z.object({
  seed: z.number().int(),
  fingerprints: z.tuple([z.string(), z.string()]),
});

export const testResult = z.object({
  name: z.string(),
  status: z.enum(['pass', 'fail', 'error']),
  /** Plain-language reason for a failure or error; empty on pass. */
  message: z.string(),
  durationMs: z.number().nonnegative(),
  /** For simulation failures: the seed that replays it. */
  seed: z.number().int().optional(),
  /** For simulation failures: the violated property, in one sentence. */
  property: z.string().optional(),
  /** For simulation failures: the causal trace that leads to the violation, one short line per event. */
  trace: z.array(z.string()).optional(),
  /** Where the learner's code threw, if it did (1-based, in the learner's file). */
  location: learnerPosition.optional(),
  /** Every seed the test graded, run twice each; used by the curriculum check to prove determinism. */
  seeds: z.array(seedFingerprint).optional(),
});
export type TestResult = z.infer<typeof testResult>;

export const runResult = z.object({
  exerciseId: z.string(),
  status: runStatus,
  /** Why the whole run did not grade (compile error, missing export, timeout, crash); empty otherwise. */
  message: z.string(),
  compileErrors: z.array(compileError),
  tests: z.array(testResult),
  /** What the learner's code printed with console.*, capped; the last line says when it was cut. */
  console: z.array(z.string()),
  /** Wall time inside the runner, split so the bench can report where time goes. */
  timings: z.object({ transpileMs: z.number().nonnegative(), testMs: z.number().nonnegative() }),
});
export type RunResult = z.infer<typeof runResult>;
