/**
 * What every checker returns. A failure names the broken property in one sentence a learner can read,
 * adds a few detail lines, and points at the operations to blame (the scenario helpers slice the trace
 * around them).
 */
import type { Operation } from '../../sim/history.ts';

/** A check that passed: the property held. */
export interface CheckPass {
  readonly ok: true;
}

/**
 * A check that failed: the broken property as one sentence with its evidence, a few detail lines and the
 * operations to blame. A check that could not decide is a failure too (`inconclusive`).
 */
export interface CheckFailure {
  readonly ok: false;
  /** One sentence: which property broke and the concrete evidence. */
  readonly property: string;
  /** Further evidence, one short line each (most important first). */
  readonly details: readonly string[];
  /** The operations the failure is about, earliest first. */
  readonly culprits: readonly Operation[];
  /**
   * Set when the checker gave up (e.g. a search budget ran out): the history was neither proven good nor
   * bad. Treated as a failure on purpose, so an undecided run never passes silently.
   */
  readonly inconclusive?: true;
}

/**
 * What every `check*` function returns: `{ ok: true }`, or a `CheckFailure` saying what broke. `checkSeeds`
 * and `violationFor` turn a failure into a thrown `PropertyViolation`.
 */
export type CheckResult = CheckPass | CheckFailure;

export const PASS: CheckPass = Object.freeze({ ok: true });

/** How many culprits a failure lists at most: a story, not a dump. */
export const MAX_CULPRITS = 5;

/** Values as the checkers compare them: plain data, equal when their JSON is equal. */
export function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

/** A failure's story is a few lines, not a log. */
export const MAX_TRACE_LINES = 15;

/** A value as a learner would write it: strings quoted, objects as JSON, `undefined` as "nothing". */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

/** "c1 at 100–110 ms", "c1 invoked at 100 ms" — where an operation sits in real time. */
export function describeTiming(op: Operation): string {
  if (op.completedAt === undefined) return `${op.client} invoked at ${op.invokedAt} ms`;
  return `${op.client} at ${op.invokedAt}–${op.completedAt} ms`;
}

/** Plain words for an outcome, as used after an operation's description. */
export function describeOutcome(op: Operation): string {
  switch (op.outcome) {
    case 'ok':
      return 'acknowledged';
    case 'fail':
      return 'refused';
    case 'unknown':
      return 'outcome unknown';
    case 'pending':
      return 'still pending';
  }
}

/** A generic one-line description of any operation: "write 2 by c1 at 100–110 ms (acknowledged)". */
export function describeOperation(op: Operation): string {
  const target = op.key === undefined ? '' : ` on ${JSON.stringify(op.key)}`;
  const input = op.input === undefined ? '' : ` ${formatValue(op.input)}`;
  const output = op.outcome === 'ok' && op.output !== undefined ? ` → ${formatValue(op.output)}` : '';
  return `${op.f}${input}${target} by ${describeTiming(op)}${output} (${describeOutcome(op)})`;
}
