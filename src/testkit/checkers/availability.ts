/**
 * Request-based availability: the fraction of operations that got a successful reply within a deadline.
 * A refusal (`fail`) counts as unavailable — CAP's "A" asks for a non-error reply from every non-failing
 * node — and so does a reply that came too late, a timeout (`unknown`) or no reply yet (`pending`).
 */
import type { History, Operation } from '../../sim/history.ts';
import { MAX_CULPRITS, PASS, type CheckResult } from './result.ts';

/**
 * Which operations count for availability (those invoked in [`fromMs`, `toMs`), in virtual ms) and how
 * soon after its invocation a successful reply must arrive (`deadlineMs`).
 */
export interface AvailabilityWindow {
  /** Only operations invoked in [fromMs, toMs) count (defaults: all of them). */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** A reply later than this after invocation counts as unavailable. */
  readonly deadlineMs: number;
}

/**
 * Request-based availability over a window: how many operations were invoked, how many got a successful
 * reply in time, that fraction, and the ones that did not.
 */
export interface AvailabilityMeasure {
  readonly total: number;
  readonly answered: number;
  /** answered / total; 1 when no operation was invoked in the window. */
  readonly fraction: number;
  /** The operations that were not answered in time, earliest first. */
  readonly unanswered: readonly Operation[];
}

/**
 * True when `op` succeeded (`ok`) and its reply came at most `deadlineMs` ms after its invocation. A
 * refusal, a timeout or a pending operation is never answered in time.
 */
export function isAnsweredInTime(op: Operation, deadlineMs: number): boolean {
  return op.outcome === 'ok' && op.completedAt! - op.invokedAt <= deadlineMs;
}

/**
 * Measures request-based availability over the operations invoked in the window; returns an
 * `AvailabilityMeasure` (fraction 1 when none was invoked).
 */
export function measureAvailability(history: History, window: AvailabilityWindow): AvailabilityMeasure {
  const fromMs = window.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = window.toMs ?? Number.POSITIVE_INFINITY;
  const counted = history.filter((op) => op.invokedAt >= fromMs && op.invokedAt < toMs);
  const unanswered = counted.filter((op) => !isAnsweredInTime(op, window.deadlineMs));
  const answered = counted.length - unanswered.length;
  return { total: counted.length, answered, fraction: counted.length === 0 ? 1 : answered / counted.length, unanswered };
}

/**
 * An `AvailabilityWindow` plus the lowest acceptable fraction of operations answered in time, for
 * `checkAvailability`.
 */
export interface AvailabilityOptions extends AvailabilityWindow {
  /** The lowest acceptable fraction in [0, 1], e.g. 0.99 or 1 for "every request". */
  readonly atLeast: number;
}

function percent(fraction: number): string {
  return `${Math.floor(fraction * 1000) / 10}%`;
}

function describeMiss(op: Operation, deadlineMs: number): string {
  const when = `${op.f} by ${op.client} at ${op.invokedAt} ms`;
  switch (op.outcome) {
    case 'ok':
      return `${when} was answered after ${op.completedAt! - op.invokedAt} ms (deadline ${deadlineMs} ms)`;
    case 'fail':
      return `${when} was refused${op.error ? `: ${op.error}` : ''}`;
    case 'unknown':
      return `${when} got no reply before the client gave up at ${op.completedAt} ms`;
    case 'pending':
      return `${when} was still waiting at the end of the run`;
  }
}

const STORY_MISSES = 3;

/**
 * Checks that at least `options.atLeast` of the operations invoked in the window got a successful reply
 * within `options.deadlineMs` ms. Returns a `CheckResult`; a window with no operations fails, because its
 * availability cannot be judged.
 */
export function checkAvailability(history: History, options: AvailabilityOptions): CheckResult {
  const measure = measureAvailability(history, options);
  const wanted = options.atLeast >= 1 ? 'Every request' : `At least ${percent(options.atLeast)} of requests`;
  const rule = `${wanted} must get a successful reply within ${options.deadlineMs} ms (availability)`;
  if (measure.total === 0) {
    return { ok: false, property: `${rule}, but no request was made in the window, so availability cannot be judged.`, details: [], culprits: [] };
  }
  if (measure.fraction >= options.atLeast) return PASS;
  const first = measure.unanswered[0]!;
  return {
    ok: false,
    property: `${rule}, but only ${measure.answered} of ${measure.total} (${percent(measure.fraction)}) did; the first miss: ${describeMiss(first, options.deadlineMs)}.`,
    details: measure.unanswered.slice(0, MAX_CULPRITS).map((op) => describeMiss(op, options.deadlineMs)),
    // The first few misses tell the story; more would only repeat it.
    culprits: measure.unanswered.slice(0, STORY_MISSES),
  };
}
