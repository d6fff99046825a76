/**
 * A value learner code threw, copied into a grader-owned error when it crosses the boundary: every property is
 * read once, here, and the tests, the runner and the failure message see only the copy. Thrown values can be
 * anything — null, a string, an object whose getters or `toString` throw — so every read is guarded.
 */
import { GraderWeakSet, StringOf, defineProperty, get, weakSetAdd, weakSetHas } from './primordials.ts';

const learnerThrows = new GraderWeakSet<object>();

const frozenBuiltIn = /read[- ]only|not extensible|Cannot (assign|add|define|redefine|delete)|frozen/i;

function guardedRead(value: object, key: string): unknown {
  try {
    return get(value, key);
  } catch {
    return undefined;
  }
}

function guardedString(value: unknown): string | undefined {
  try {
    return StringOf(value);
  } catch {
    return undefined;
  }
}

export interface ThrownCopy {
  /** One sentence for the learner: the error's own words, or what kind of value was thrown. */
  readonly description: string;
  /** The error's `message` when it had a string one (what `toThrow('…')` compares). */
  readonly message: string;
  /** The error's `name`, when it had a string one. */
  readonly name: string | undefined;
  /** The stack as formatted when it was read: only frames of the learner's file (see the sandbox). */
  readonly stack: string | undefined;
}

/** Reads a thrown value once and describes it in plain words. */
export function copyThrown(value: unknown): ThrownCopy {
  if (value === null || value === undefined) {
    const words = `Your code threw ${StringOf(value)}.`;
    return { description: words, message: words, name: undefined, stack: undefined };
  }
  if (typeof value === 'string') {
    return { description: `Your code threw the string "${value}".`, message: value, name: undefined, stack: undefined };
  }
  if (typeof value !== 'object' && typeof value !== 'function') {
    const words = `Your code threw ${guardedString(value) ?? 'a value that cannot be printed'}.`;
    return { description: words, message: words, name: undefined, stack: undefined };
  }
  const message = guardedRead(value, 'message');
  const name = guardedRead(value, 'name');
  const stack = guardedRead(value, 'stack');
  const named = typeof name === 'string' ? name : undefined;
  let description: string;
  if (typeof message === 'string') {
    const shown = named !== undefined && named !== 'Error' && named !== 'AssertionError' ? `${named}: ${message}` : message;
    const note = named === 'TypeError' && frozenBuiltIn.test(message) ? ' (built-in objects are frozen while your code runs)' : '';
    description = shown + note;
  } else {
    const printed = guardedString(value);
    description = printed === undefined ? 'Your code threw an object that cannot be printed.' : `Your code threw ${printed}.`;
  }
  return {
    description,
    message: typeof message === 'string' ? message : description,
    name: named,
    stack: typeof stack === 'string' ? stack : undefined,
  };
}

/** Where in the learner's file a throw statement ran, as the runner marks it (1-based). */
export interface ThrowSite {
  readonly line: number;
  readonly column: number;
}

/** The grader-owned stand-in for what learner code threw. */
export class LearnerThrow extends Error {
  readonly description: string;
  readonly learnerName: string | undefined;
  readonly learnerStack: string | undefined;
  /**
   * The learner's throw statement that ran last before the value crossed — taken before the copy, whose reads
   * can run more learner code (a `toString` that throws) — for values that carry no stack.
   */
  readonly throwSite: ThrowSite | undefined;

  constructor(copy: ThrownCopy, throwSite: ThrowSite | undefined) {
    super(copy.message);
    this.description = copy.description;
    this.learnerName = copy.name;
    this.learnerStack = copy.stack;
    this.throwSite = throwSite;
    // `toThrow(SomeError)` and messages read the learner's own name.
    // Defined, not assigned: the inherited `name` is frozen once the realm is sealed.
    if (copy.name !== undefined) defineProperty(this, 'name', { value: copy.name, writable: true, configurable: true });
    weakSetAdd(learnerThrows, this);
  }
}

export function isLearnerThrow(value: unknown): value is LearnerThrow {
  return typeof value === 'object' && value !== null && weakSetHas(learnerThrows, value);
}
