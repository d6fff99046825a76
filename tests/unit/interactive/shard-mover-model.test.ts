import { describe, expect, it } from 'vitest';
import { readMove, shardsValueText, SHARDS_MAX, SHARDS_MIN, VNODE_CHOICES } from '../../../src/components/interactive/shard-mover-model.ts';

const percentIn = (value: string) => Number(value.split('%')[0]);

describe('shard mover model', () => {
  it('shows hash mod N moving most keys and the ring close to the minimum', () => {
    const reading = readMove(4, 100);
    const row = (key: string) => reading.rows.find((r) => r.key === key)!.value;
    expect(percentIn(row('mod'))).toBeGreaterThan(70);
    expect(percentIn(row('ring'))).toBeGreaterThan(12);
    expect(percentIn(row('ring'))).toBeLessThan(28);
    expect(row('ideal')).toBe('20.0% (800)');
    expect(reading.summary).toContain('From 4 to 5 shards');
  });

  it('names the number of virtual nodes, and one point per shard spreads keys less evenly', () => {
    const one = readMove(6, 1);
    const many = readMove(6, 100);
    expect(one.rows.find((r) => r.key === 'ring')!.label).toContain('1 virtual node per shard');
    expect(one.outcome.ringPeakToFair).toBeGreaterThan(many.outcome.ringPeakToFair);
  });

  it('is deterministic, and refuses choices outside its controls', () => {
    expect(readMove(SHARDS_MAX, VNODE_CHOICES[1])).toEqual(readMove(SHARDS_MAX, VNODE_CHOICES[1]));
    expect(() => readMove(SHARDS_MIN - 1, 100)).toThrow(/shards must be a whole number/);
    expect(() => readMove(4, 7)).toThrow(/virtual nodes one of 1, 10, 100/);
    expect(shardsValueText(5)).toBe('5 shards, then one more');
  });
});
