/**
 * Histories a sequential atomic register produces, executed with random real-time overlaps: each
 * operation takes effect at a distinct instant and its interval is stretched randomly around that instant.
 * Some writes end in doubt (`unknown`) and may or may not have taken effect. Such histories are
 * linearizable by construction, so every checker must accept them.
 */
import fc from 'fast-check';
import type { Operation, Outcome } from '../../../../src/sim/history.ts';

export interface PlannedOp {
  readonly isWrite: boolean;
  readonly before: number;
  readonly after: number;
  readonly inDoubt: boolean;
  readonly takesEffect: boolean;
}

const plannedOp = fc.record({
  isWrite: fc.boolean(),
  before: fc.nat(30),
  after: fc.nat(30),
  inDoubt: fc.nat(4).map((n) => n === 0),
  takesEffect: fc.boolean(),
});

export const atomicRegisterPlan = fc.array(plannedOp, { minLength: 1, maxLength: 25 });

/** Three clients share the operations round-robin, so per-client properties have something to judge. */
export function executeAtomically(plan: readonly PlannedOp[]): Operation[] {
  let value: number | null = null;
  return plan.map((step, index): Operation => {
    const at = (index + 1) * 10;
    const common = { id: index, client: `c${index % 3}`, invokedAt: at - step.before, completedAt: at + step.after };
    if (step.isWrite) {
      const written = index + 1;
      const outcome: Outcome = step.inDoubt ? 'unknown' : 'ok';
      if (!step.inDoubt || step.takesEffect) value = written;
      return { ...common, f: 'write', input: written, outcome };
    }
    return { ...common, f: 'read', input: undefined, outcome: 'ok', output: value };
  });
}
