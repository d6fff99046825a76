/**
 * The results contract: what one grading run returns, identical in the browser worker and in Node.
 * The zod schema is the single source of truth; the UI renders every string in it as text, never HTML.
 */
import { z } from 'zod';
import { recordedRunVersion } from './recorded-run-version.ts';

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

/** The kinds of simulation event a recorded run carries; the same names as the simulation's trace (a unit test holds them equal). */
export const runEventKinds = [
  'start', 'deliver', 'request', 'reply', 'drop', 'timer', 'invoke', 'timeout', 'action',
  'crash', 'restart', 'pause', 'resume', 'partition', 'partition-one-way', 'heal', 'loss-burst', 'latency-spike', 'clock-skew',
] as const;

/** A value a client sent or got back, copied into plain JSON (cut where it was long or deep). */
const runValue = z.json();

/** The client request an event carries (invoke, request, timeout, a dropped request). */
const runRequest = z.object({
  id: z.number().int(),
  client: z.string(),
  f: z.string(),
  key: z.string().optional(),
  input: runValue.optional(),
});

/** The reply an event carries (reply, a dropped reply). */
const runReply = z.object({
  op: z.number().int(),
  ok: z.boolean(),
  output: runValue.optional(),
  error: z.string().optional(),
});

/** One event of a recorded run: the simulation's trace event with its data reduced to what a diagram reads. */
export const runEvent = z.object({
  id: z.number().int().nonnegative(),
  time: z.number(),
  kind: z.enum(runEventKinds),
  node: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  sentAt: z.number().optional(),
  summary: z.string(),
  reason: z.string().optional(),
  cause: z.number().int().nullable(),
  request: runRequest.optional(),
  reply: runReply.optional(),
  /** How long a loss burst or latency spike lasts. */
  durationMs: z.number().optional(),
  /** The node's state right after this event, as the scenario shows it (bounded JSON; see recorded-run.ts). */
  state: runValue.optional(),
});
export type RunEvent = z.infer<typeof runEvent>;

/** What one parameter of a scenario was shrunk from and to ("clients", 3 → 1). */
export const shrinkStep = z.object({ name: z.string(), from: z.number(), to: z.number() });

/**
 * How a failing scenario was made smaller before it was drawn: the graded run's size, the parameters that
 * shrank, and how many smaller runs were tried (see src/testkit/scenario-shrink.ts).
 */
export const shrinkReport = z.object({
  /** Events in the run that failed as graded. */
  fromEvents: z.number().int().nonnegative(),
  steps: z.array(shrinkStep),
  /** Smaller runs tried while shrinking. */
  tries: z.number().int().nonnegative(),
});
export type ShrinkReport = z.infer<typeof shrinkReport>;

export { recordedRunVersion };

/**
 * The learner's own failing run, as the simulation recorded it, cut to the window that matters: the events
 * that led to the violation, the ones to highlight, and how much of the run was left out.
 */
export const recordedRun = z.object({
  version: z.literal(recordedRunVersion),
  seed: z.number().int(),
  /** The window shown, in virtual ms. */
  fromMs: z.number(),
  toMs: z.number(),
  /** The events in the window, oldest first (at most `resultLimits.runEvents`). */
  events: z.array(runEvent),
  /** Ids of the events that broke the property and the ones that led there. */
  highlight: z.array(z.number().int().nonnegative()),
  /** How many events the whole run had. */
  totalEvents: z.number().int().nonnegative(),
  /** Present when the failing scenario was shrunk before it was recorded: this run is the smallest that still failed. */
  shrunk: shrinkReport.optional(),
});
export type RecordedRun = z.infer<typeof recordedRun>;

/** One line of a diff between the expected answer and the learner's. */
export const diffLine = z.object({ kind: z.enum(['same', 'yours', 'expected']), text: z.string() });
export type DiffLine = z.infer<typeof diffLine>;

/**
 * The smallest generated case where the learner's answer differs from the reference's, for the results to
 * show as a table: the calls that led there, the call, both answers, and a diff when they are structured.
 */
export const answerDifference = z.object({
  /** The calls before the one that differs (objects made, earlier method calls with their answers), as code. */
  before: z.array(z.string()),
  /** The call whose answer differs, as code the learner can paste. */
  call: z.string(),
  yours: z.string(),
  expected: z.string(),
  /** What is wrong with the learner's answer, where a right answer is not one value (a judge's sentence). */
  why: z.string().optional(),
  diff: z.array(diffLine).optional(),
  /** How the case was found: its seed, which case it was, how far it was shrunk. */
  found: z.string(),
});
export type AnswerDifference = z.infer<typeof answerDifference>;

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
  /** For generated cases: the smallest case where the learner's answer differs, as a table. */
  difference: answerDifference.optional(),
  /** For simulation failures: the learner's run itself, to draw and step through. */
  run: recordedRun.optional(),
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
