import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atomicRegisterPlan, executeAtomically } from './atomic-register-histories.ts';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import { analyseStaleness, checkBoundedStaleness, staleReads } from '../../../../src/testkit/checkers/staleness.ts';

describe('bounded staleness', () => {
  const staleHistory = buildHistory([
    { client: 'c1', f: 'write', input: 1, at: [0, 10] },
    { client: 'c1', f: 'write', input: 2, at: [100, 110] },
    { client: 'c2', f: 'read', output: 1, at: [130, 140] },
  ]);

  it('with a 0 ms bound, flags a read that missed a write acknowledged before it began', () => {
    const result = checkBoundedStaleness(staleHistory);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.property).toBe(
      'A read must not miss a write acknowledged before it began, but the read by c2 at 130–140 ms returned 1 although write 2 by c1 was acknowledged 20 ms before it began, at 110 ms.',
    );
    expect(result.culprits.map((op) => op.id)).toEqual([1, 2]);
  });

  it('allows the same read when the write was acknowledged within the bound', () => {
    expect(checkBoundedStaleness(staleHistory, { boundMs: 20 }).ok).toBe(true);
    expect(checkBoundedStaleness(staleHistory, { boundMs: 19 }).ok).toBe(false);
  });

  it('allows a read concurrent with the newer write to return either value', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [100, 150] },
      { client: 'c2', f: 'read', output: 1, at: [130, 140] },
      { client: 'c3', f: 'read', output: 2, at: [131, 135] },
    ]);
    expect(staleReads(history)).toEqual([]);
  });

  it('never calls a write with an unknown outcome overwritten, nor counts it as a missed write', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10], outcome: 'unknown' },
      { client: 'c1', f: 'write', input: 2, at: [100, 110], outcome: 'unknown' },
      { client: 'c2', f: 'read', output: 1, at: [300, 310] },
      { client: 'c3', f: 'read', output: null, at: [320, 330] },
    ]);
    expect(checkBoundedStaleness(history).ok).toBe(true);
  });

  it('flags reading the initial value after an acknowledged write', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'read', output: null, at: [50, 60] },
    ]);
    expect(staleReads(history).map((s) => [s.read.id, s.missed.id, s.staleByMs])).toEqual([[1, 0, 40]]);
  });

  it('counts stale reads per key and reports each', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', key: 'x', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', key: 'y', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', key: 'x', input: 2, at: [20, 30] },
      { client: 'c2', f: 'read', key: 'x', output: 1, at: [40, 50] },
      { client: 'c2', f: 'read', key: 'y', output: 1, at: [60, 70] },
      { client: 'c2', f: 'read', key: 'x', output: null, at: [80, 90] },
    ]);
    const stale = staleReads(history);
    expect(stale.map((s) => [s.read.invokedAt, s.missed.input])).toEqual([
      [40, 2],
      [80, 2],
    ]);
    const result = checkBoundedStaleness(history);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.details[0]).toBe('2 of 3 reads were stale.');
  });

  it('reports a read of a value no write sent, ignoring refused writes as sources', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 7, at: [0, 10], outcome: 'fail' },
      { client: 'c2', f: 'read', output: 7, at: [50, 60] },
    ]);
    const result = checkBoundedStaleness(history);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.property).toContain('the read by c2 at 50–60 ms returned 7, which no write sent.');
  });
});

describe('bounded staleness (property)', () => {
  it('finds no stale read in any history of an atomic register', () => {
    fc.assert(
      fc.property(atomicRegisterPlan, (plan) => analyseStaleness(executeAtomically(plan)).stale.length === 0),
      { seed: 8, numRuns: 300 },
    );
  });

  it('finds the stale read when one read returns the value a completed earlier write replaced', () => {
    fc.assert(
      fc.property(atomicRegisterPlan, fc.nat(), (plan, pick) => {
        const history = executeAtomically(plan);
        // A read that began after two acknowledged writes completed one after the other must not return the first.
        const candidates = history.filter(
          (read) =>
            read.f === 'read' &&
            history.some(
              (first) =>
                first.f === 'write' && first.outcome === 'ok' &&
                history.some((second) => second.f === 'write' && second.outcome === 'ok' && first.completedAt! < second.invokedAt && second.completedAt! < read.invokedAt),
            ),
        );
        fc.pre(candidates.length > 0);
        const victim = candidates[pick % candidates.length]!;
        const first = history.find(
          (w) => w.f === 'write' && w.outcome === 'ok' && history.some((s) => s.f === 'write' && s.outcome === 'ok' && w.completedAt! < s.invokedAt && s.completedAt! < victim.invokedAt),
        )!;
        const mutated = history.map((op) => (op === victim ? { ...op, output: first.input } : op));
        return analyseStaleness(mutated).stale.some((s) => s.read.id === victim.id);
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});
