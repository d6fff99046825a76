/**
 * Throwing forms of the checkers for hidden tests: same arguments plus the seed of the run, and a
 * `PropertyViolation` (property sentence, seed, trace lines) instead of a result object.
 */
import type { History } from '../../sim/history.ts';
import { PropertyViolation } from '../violation.ts';
import { checkAvailability, type AvailabilityOptions } from './availability.ts';
import { checkConvergence, type ConvergenceOptions } from './convergence.ts';
import { checkExactlyOnce, type Effect, type ExactlyOnceOptions } from './exactly-once.ts';
import { checkKvLinearizable, checkLinearizable, type LinearizabilityOptions } from './linearizability.ts';
import type { Model } from './model.ts';
import { checkReadYourWrites } from './read-your-writes.ts';
import type { RegisterReadOptions } from './register-reads.ts';
import { describeOperation, MAX_TRACE_LINES, type CheckFailure, type CheckResult } from './result.ts';
import { checkBoundedStaleness, type StalenessOptions } from './staleness.ts';

/**
 * What a `PropertyViolation` needs besides the failure: the seed that replays the run and, optionally, the
 * story to tell (default: `failureLines` of the failure). The `assert*` functions take it with the options
 * of their checker.
 */
export interface ViolationContext {
  /** The seed that replays the run. */
  readonly seed: number;
  /** Trace lines that tell the story; default: the culprit operations, then the failure's details. */
  readonly trace?: readonly string[];
}

/** The lines a failure tells on its own: the operations to blame, then the extra evidence. */
export function failureLines(failure: CheckFailure): string[] {
  return [...failure.culprits.map(describeOperation), ...failure.details].slice(0, MAX_TRACE_LINES);
}

/**
 * The `PropertyViolation` for a failed check: its property sentence, `context.seed`, and `context.trace`
 * (default: `failureLines(failure)`), cut to `MAX_TRACE_LINES` lines. Returns it; does not throw.
 */
export function violationOf(failure: CheckFailure, context: ViolationContext): PropertyViolation {
  const trace = (context.trace ?? failureLines(failure)).slice(0, MAX_TRACE_LINES);
  return new PropertyViolation({ property: failure.property, seed: context.seed, trace });
}

/** Throws a `PropertyViolation` when `result` is a failure (an inconclusive result included). */
export function orThrow(result: CheckResult, context: ViolationContext): void {
  if (!result.ok) throw violationOf(result, context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) unless the history of one object is
 * linearizable with respect to `model` — also when the search runs out of `maxSteps`. The throwing form
 * of `checkLinearizable`.
 */
export function assertLinearizable<State>(
  history: History,
  model: Model<State>,
  context: ViolationContext & LinearizabilityOptions,
): void {
  orThrow(checkLinearizable(history, model, context), context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) unless every key of a key-value history
 * is linearizable with respect to `model` — also when the search runs out of `maxSteps`. The throwing
 * form of `checkKvLinearizable`.
 */
export function assertKvLinearizable<State>(
  history: History,
  model: Model<State>,
  context: ViolationContext & LinearizabilityOptions,
): void {
  orThrow(checkKvLinearizable(history, model, context), context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) when a read missed a write acknowledged
 * more than `context.boundMs` ms (default 0) before it began, or returned a value no write sent. The
 * throwing form of `checkBoundedStaleness`.
 */
export function assertBoundedStaleness(history: History, context: ViolationContext & StalenessOptions): void {
  orThrow(checkBoundedStaleness(history, context), context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) when a client read a key and missed its
 * own write to it that was acknowledged before the read began. The throwing form of `checkReadYourWrites`.
 */
export function assertReadYourWrites(history: History, context: ViolationContext & RegisterReadOptions): void {
  orThrow(checkReadYourWrites(history, context), context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) when fewer than `context.atLeast` of the
 * operations invoked in the window got a successful reply within `context.deadlineMs` ms, or none was
 * invoked. The throwing form of `checkAvailability`.
 */
export function assertAvailability(history: History, context: ViolationContext & AvailabilityOptions): void {
  orThrow(checkAvailability(history, context), context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) unless all replicas hold the same state;
 * `states` maps replica id → its state, sampled after the settle window. The throwing form of
 * `checkConvergence`.
 */
export function assertConvergence<State>(
  states: Readonly<Record<string, State>>,
  context: ViolationContext & ConvergenceOptions<State>,
): void {
  orThrow(checkConvergence(states, context), context);
}

/**
 * Throws a `PropertyViolation` (property, `context.seed`, story) when a request took effect more than
 * once, was acknowledged but never took effect, was refused but took effect, or when an effect belongs to
 * no request. The throwing form of `checkExactlyOnce`.
 */
export function assertExactlyOnce(
  requests: History,
  effects: readonly Effect[],
  context: ViolationContext & ExactlyOnceOptions,
): void {
  orThrow(checkExactlyOnce(requests, effects, context), context);
}
