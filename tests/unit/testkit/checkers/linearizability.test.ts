import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { History } from '../../../../src/sim/history.ts';
import { atomicRegisterPlan, executeAtomically } from './atomic-register-histories.ts';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import { checkKvLinearizable, checkLinearizable } from '../../../../src/testkit/checkers/linearizability.ts';
import { registerModel } from '../../../../src/testkit/checkers/model.ts';

const register = registerModel<number>();

function failureOf(history: History, maxSteps?: number) {
  const result = checkLinearizable(history, register, maxSteps === undefined ? {} : { maxSteps });
  if (result.ok) throw new Error('expected a violation, got a pass');
  return result;
}

describe('checkLinearizable on a register', () => {
  it('accepts a sequential history', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'read', output: 1, at: [20, 30] },
      { client: 'c1', f: 'write', input: 2, at: [40, 50] },
      { client: 'c2', f: 'read', output: 2, at: [60, 70] },
    ]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('accepts a read of the initial value before any write', () => {
    const history = buildHistory([{ client: 'c1', f: 'read', output: null, at: [0, 5] }]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('rejects a stale read after an acknowledged write and says which write it missed', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [100, 110] },
      { client: 'c2', f: 'read', output: 1, at: [130, 140] },
    ]);
    const failure = failureOf(history);
    expect(failure.inconclusive).toBeUndefined();
    expect(failure.property).toBe(
      'The register is not linearizable: read by c2 at 130–140 ms returned 1, but the latest possible value was 2 (write by c1 at 100–110 ms, acknowledged).',
    );
    expect(failure.culprits.map((op) => op.id)).toEqual([1, 2]);
  });

  it('accepts either order of two concurrent writes, as long as every reader agrees', () => {
    for (const winner of [1, 2]) {
      const history = buildHistory([
        { client: 'c1', f: 'write', input: 1, at: [0, 100] },
        { client: 'c2', f: 'write', input: 2, at: [10, 90] },
        { client: 'c3', f: 'read', output: winner, at: [110, 120] },
        { client: 'c4', f: 'read', output: winner, at: [130, 140] },
      ]);
      expect(checkLinearizable(history, register).ok).toBe(true);
    }
  });

  it('accepts reads during concurrent writes that see the values flip in one order', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 100] },
      { client: 'c2', f: 'write', input: 2, at: [10, 90] },
      { client: 'c3', f: 'read', output: 2, at: [20, 30] },
      { client: 'c3', f: 'read', output: 1, at: [40, 50] },
    ]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('rejects readers that disagree about the order of two finished concurrent writes', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 100] },
      { client: 'c2', f: 'write', input: 2, at: [10, 90] },
      { client: 'c3', f: 'read', output: 1, at: [110, 120] },
      { client: 'c4', f: 'read', output: 2, at: [130, 140] },
    ]);
    const failure = failureOf(history);
    expect(failure.property).toMatch(/^The register is not linearizable: read by c4 at 130–140 ms returned 2, but/);
    expect(failure.details.join('\n')).toContain('read by c3 at 110–120 ms returned 1');
  });

  it('treats operations whose intervals only touch as concurrent', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'read', output: null, at: [10, 20] },
    ]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('lets a write with an unknown outcome take effect long after the client gave up', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [20, 50], outcome: 'unknown' },
      { client: 'c2', f: 'read', output: 1, at: [60, 70] },
      { client: 'c2', f: 'read', output: 2, at: [400, 410] },
    ]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('lets a write with an unknown outcome never take effect', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [20, 50], outcome: 'unknown' },
      { client: 'c2', f: 'read', output: 1, at: [400, 410] },
    ]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('rejects an unknown write whose value disappears again once seen', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [20, 50], outcome: 'unknown' },
      { client: 'c2', f: 'read', output: 2, at: [60, 70] },
      { client: 'c2', f: 'read', output: 1, at: [80, 90] },
    ]);
    expect(failureOf(history).property).toMatch(/read by c2 at 80–90 ms returned 1, but the latest possible value was 2/);
  });

  it('rejects a read of a value only a refused (fail) write sent, and says so', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c3', f: 'write', input: 2, at: [20, 30], outcome: 'fail', error: 'no quorum' },
      { client: 'c2', f: 'read', output: 2, at: [40, 50] },
    ]);
    const failure = failureOf(history);
    expect(failure.property).toContain('read by c2 at 40–50 ms returned 2, but the latest possible value was 1');
    expect(failure.details[0]).toBe(
      '2 was only sent by write 2 by c3 at 20–30 ms (refused): a refused operation must never take effect.',
    );
  });

  it('accepts pending operations and ignores in-doubt reads', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'write', input: 3, at: [15, 0], outcome: 'pending' },
      { client: 'c3', f: 'read', at: [20, 30], outcome: 'unknown' },
      { client: 'c4', f: 'read', output: 3, at: [40, 50] },
    ]);
    expect(checkLinearizable(history, register).ok).toBe(true);
  });

  it('checks compare-and-set outputs against the value it saw', () => {
    const good = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'cas', input: { from: 1, to: 5 }, output: true, at: [20, 30] },
      { client: 'c3', f: 'cas', input: { from: 1, to: 7 }, output: false, at: [40, 50] },
      { client: 'c3', f: 'read', output: 5, at: [60, 70] },
    ]);
    expect(checkLinearizable(good, register).ok).toBe(true);
    const bothSwapped = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'cas', input: { from: 1, to: 5 }, output: true, at: [20, 30] },
      { client: 'c3', f: 'cas', input: { from: 1, to: 7 }, output: true, at: [40, 50] },
    ]);
    expect(failureOf(bothSwapped).property).toContain('cas {"from":1,"to":7} by c3 at 40–50 ms returned true');
  });

  it('reports "inconclusive" (not a pass) when the search budget runs out', () => {
    // 24 overlapping writes followed by a read of a value nobody wrote: proving it wrong needs
    // every subset of the writes, far beyond the budget.
    const writes = Array.from({ length: 24 }, (_, i) => ({ client: `w${i}`, f: 'write', input: i, at: [i, 1000] as const }));
    const history = buildHistory([...writes, { client: 'r', f: 'read', output: 99, at: [2000, 2010] }]);
    const failure = failureOf(history, 20_000);
    expect(failure.ok).toBe(false);
    expect(failure.inconclusive).toBe(true);
    expect(failure.property).toBe(
      'Could not decide whether the register is linearizable within 20000 search steps, so the check is inconclusive, not passed.',
    );
  });

  it('reports the steps it spent on a pass, within the budget', () => {
    const history = buildHistory([{ client: 'c1', f: 'write', input: 1, at: [0, 10] }]);
    const result = checkLinearizable(history, register, { maxSteps: 10 });
    expect(result).toEqual({ ok: true, steps: 1 });
  });
});

describe('checkKvLinearizable', () => {
  it('checks each key on its own and names the key that breaks', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', key: 'x', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', key: 'y', input: 1, at: [20, 30] },
      { client: 'c2', f: 'read', key: 'x', output: 1, at: [40, 50] },
      { client: 'c2', f: 'read', key: 'y', output: null, at: [60, 70] },
    ]);
    const result = checkKvLinearizable(history, register);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.property).toBe(
      'Key "y" of the key-value store is not linearizable: read by c2 at 60–70 ms returned null, but the latest possible value was 1 (write by c1 at 20–30 ms, acknowledged).',
    );
  });

  it('accepts a history whose keys are each linearizable', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', key: 'x', input: 1, at: [0, 10] },
      { client: 'c2', f: 'write', key: 'y', input: 2, at: [0, 10] },
      { client: 'c3', f: 'read', key: 'x', output: 1, at: [20, 30] },
      { client: 'c3', f: 'read', key: 'y', output: 2, at: [40, 50] },
    ]);
    expect(checkKvLinearizable(history, register).ok).toBe(true);
  });

  it('shares one budget across keys, checks small keys first and reports their proven violation', () => {
    const writes = Array.from({ length: 24 }, (_, i) => ({ client: `w${i}`, f: 'write', key: 'a', input: i, at: [i, 1000] as const }));
    const adversarial = [...writes, { client: 'r', f: 'read', key: 'a', output: 99, at: [2000, 2010] as const }];
    const smallViolation = [
      { client: 'c1', f: 'write', key: 'b', input: 1, at: [0, 10] as const },
      { client: 'c2', f: 'read', key: 'b', output: 7, at: [20, 30] as const },
    ];
    const both = checkKvLinearizable(buildHistory([...adversarial, ...smallViolation]), register, { maxSteps: 5_000 });
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(both.inconclusive).toBeUndefined();
    expect(both.property).toMatch(/^Key "b" of the key-value store is not linearizable: read by c2 at 20–30 ms returned 7/);

    const onlyAdversarial = checkKvLinearizable(buildHistory(adversarial), register, { maxSteps: 5_000 });
    expect(onlyAdversarial.ok).toBe(false);
    if (onlyAdversarial.ok) return;
    expect(onlyAdversarial.inconclusive).toBe(true);
    expect(onlyAdversarial.property).toContain('whether key "a" of the key-value store is linearizable');
  });
});

describe('checkLinearizable (property)', () => {
  it('accepts every history a sequential atomic register produces', () => {
    fc.assert(
      fc.property(atomicRegisterPlan, (plan) => {
        const history = executeAtomically(plan);
        const result = checkLinearizable(history, register);
        // A history in which nothing succeeded is refused as having nothing to judge, never passed.
        if (!history.some((op) => op.outcome === 'ok')) return !result.ok && result.property.includes('nothing to judge');
        return result.ok;
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('rejects the same histories once one read returns a value never written', () => {
    fc.assert(
      fc.property(
        atomicRegisterPlan,
        fc.nat(),
        (plan, pick) => {
          const history = executeAtomically(plan);
          const reads = history.filter((op) => op.f === 'read');
          fc.pre(reads.length > 0);
          const victim = reads[pick % reads.length]!;
          const mutated = history.map((op) => (op === victim ? { ...op, output: -1 } : op));
          const result = checkLinearizable(mutated, register);
          return !result.ok && result.inconclusive === undefined && result.culprits.includes(mutated[victim.id]!);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
