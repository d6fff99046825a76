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

export function violationOf(failure: CheckFailure, context: ViolationContext): PropertyViolation {
  const trace = (context.trace ?? failureLines(failure)).slice(0, MAX_TRACE_LINES);
  return new PropertyViolation({ property: failure.property, seed: context.seed, trace });
}

/** Throws a `PropertyViolation` when `result` is a failure (an inconclusive result included). */
export function orThrow(result: CheckResult, context: ViolationContext): void {
  if (!result.ok) throw violationOf(result, context);
}

export function assertLinearizable<State>(
  history: History,
  model: Model<State>,
  context: ViolationContext & LinearizabilityOptions,
): void {
  orThrow(checkLinearizable(history, model, context), context);
}

export function assertKvLinearizable<State>(
  history: History,
  model: Model<State>,
  context: ViolationContext & LinearizabilityOptions,
): void {
  orThrow(checkKvLinearizable(history, model, context), context);
}

export function assertBoundedStaleness(history: History, context: ViolationContext & StalenessOptions): void {
  orThrow(checkBoundedStaleness(history, context), context);
}

export function assertReadYourWrites(history: History, context: ViolationContext & RegisterReadOptions): void {
  orThrow(checkReadYourWrites(history, context), context);
}

export function assertAvailability(history: History, context: ViolationContext & AvailabilityOptions): void {
  orThrow(checkAvailability(history, context), context);
}

export function assertConvergence<State>(
  states: Readonly<Record<string, State>>,
  context: ViolationContext & ConvergenceOptions<State>,
): void {
  orThrow(checkConvergence(states, context), context);
}

export function assertExactlyOnce(
  requests: History,
  effects: readonly Effect[],
  context: ViolationContext & ExactlyOnceOptions,
): void {
  orThrow(checkExactlyOnce(requests, effects, context), context);
}
