/**
 * What the boundary throws when a value from learner code cannot cross into the grader (a symbol, a getter,
 * a Promise, a value too large or too deep…). The message is one plain sentence the learner reads; the test
 * fails with it. Told apart by a brand the grader holds, not by `instanceof`.
 */
import { GraderWeakSet, weakSetAdd, weakSetHas } from './primordials.ts';

const refusals = new GraderWeakSet<object>();

export class BoundaryRefusal extends Error {
  override readonly name = 'BoundaryRefusal';

  constructor(message: string) {
    super(message);
    weakSetAdd(refusals, this);
  }
}

export function isBoundaryRefusal(value: unknown): value is BoundaryRefusal {
  return typeof value === 'object' && value !== null && weakSetHas(refusals, value);
}

/** How much of a learner value crosses at most, and how deep; the messages below name the numbers. */
export const crossingLimits = {
  values: 100_000,
  depth: 100,
  stringChars: 1_000_000,
} as const;
