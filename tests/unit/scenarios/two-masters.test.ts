import { describe, expect, it } from 'vitest';
import { orderByHistory, twoMastersRun, versionVectorOrder as compare, type VersionVector } from '../../../src/scenarios/two-masters.ts';

const totals = (a: VersionVector, b: VersionVector) => {
  const sum = (v: VersionVector) => Object.values(v).reduce((s, n) => s + n, 0);
  return sum(a) < sum(b) ? 'before' : sum(a) > sum(b) ? 'after' : 'equal';
};
const SEEDS = [1, 2, 3, 4];

describe('two masters exchanging versions with version vectors', () => {
  it('a correct comparison never contradicts the write histories, finds conflicts, and both masters end equal', () => {
    for (const seed of SEEDS) {
      const run = twoMastersRun(compare, seed);
      expect(run.misjudgements).toEqual([]);
      expect(run.conflicts).toBeGreaterThan(0);
      // Every seed compares both concurrent and ordered versions: the exercise's test relies on it.
      expect(run.compared.concurrent).toBeGreaterThan(0);
      expect(run.compared.before + run.compared.after).toBeGreaterThan(0);
      const values = (id: string) => run.siblings[id]!.map((v) => v.value).sort();
      expect(values('A')).toEqual(values('B'));
      // Every write is in some sibling: nothing was silently lost.
      const kept = new Set(run.siblings['A']!.flatMap((v) => v.includes));
      for (const op of run.history) expect(kept.has(String(op.input))).toBe(true);
    }
  });

  it('comparing totals calls concurrent versions ordered, and never finds a conflict', () => {
    const run = twoMastersRun(totals, 3);
    expect(run.conflicts).toBe(0);
    expect(run.misjudgements.length).toBeGreaterThan(0);
    expect(run.misjudgements.every((m) => m.truth === 'concurrent' && m.said !== 'concurrent')).toBe(true);
  });

  it('orders versions by the writes they include', () => {
    const v = (value: string, includes: string[]) => ({ value, vv: {}, includes });
    expect(orderByHistory(v('b', ['a', 'b']), v('a', ['a']))).toBe('after');
    expect(orderByHistory(v('a', ['a']), v('b', ['a', 'b']))).toBe('before');
    expect(orderByHistory(v('b', ['b']), v('a', ['a']))).toBe('concurrent');
    expect(orderByHistory(v('a', ['a']), v('a', ['a']))).toBe('equal');
  });

  it('is deterministic', () => {
    expect(twoMastersRun(compare, 2).sim.fingerprint()).toBe(twoMastersRun(compare, 2).sim.fingerprint());
  });
});
