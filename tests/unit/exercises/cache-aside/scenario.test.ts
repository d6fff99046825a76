import { describe, expect, it } from 'vitest';
import { countingDatabase, plainCache, referenceHits, skewedWorkload, type CacheOp } from '../../../../exercises/cache-aside/scenario.ts';

describe('cache workload', () => {
  it('is reproducible from the seed, skewed towards a few hot keys, with about the stated share of writes', () => {
    const ops = skewedWorkload(1);
    expect(skewedWorkload(1)).toEqual(ops);
    expect(skewedWorkload(2)).not.toEqual(ops);
    expect(ops).toHaveLength(2000);
    const writes = ops.filter((op) => op.kind === 'write');
    expect(writes.length / ops.length).toBeGreaterThan(0.07);
    expect(writes.length / ops.length).toBeLessThan(0.13);
    expect(new Set(writes.map((op) => op.value)).size).toBe(writes.length);
    const hot = ops.filter((op) => op.key === 'item:0').length;
    const cold = ops.filter((op) => op.key === 'item:49').length;
    expect(hot).toBeGreaterThan(5 * Math.max(cold, 1));
    expect(ops.every((op, i) => op.at === (i + 1) * 7)).toBe(true);
  });

  it('counts database reads but not peeks', () => {
    const db = countingDatabase({ a: '1' });
    expect(db.facade.get('a')).toBe('1');
    expect(db.facade.get('b')).toBe(null);
    db.facade.put('b', '2');
    expect(db.peek('b')).toBe('2');
    expect([db.reads(), db.writes()]).toEqual([2, 1]);
  });

  it('hands out a frozen facade: nothing done to it reaches the counts or the rows', () => {
    const db = countingDatabase({ a: '1' });
    const facade = db.facade as unknown as Record<string, unknown>;
    expect(Object.keys(facade).sort()).toEqual(['get', 'put']);
    expect(() => Object.defineProperty(facade, 'reads', { value: 0 })).toThrow(TypeError);
    expect(() => {
      'use strict';
      facade['get'] = () => 'forged';
    }).toThrow(TypeError);
    expect(db.facade.get('a')).toBe('1');
    expect(db.reads()).toBe(1);
  });

  it('keeps cache entries as copies, in and out', () => {
    const cache = plainCache();
    const entry = { value: 'x', expiresAt: 10 };
    cache.facade.set('k', entry);
    entry.value = 'changed';
    const got = cache.facade.get('k') as { value: string | null };
    got.value = 'changed too';
    expect(cache.entry('k')).toEqual({ value: 'x', expiresAt: 10 });
    cache.facade.delete('k');
    expect(cache.has('k')).toBe(false);
  });

  it('counts hits and misses of cache-aside: a hit before expiry, a miss at it, a miss after a write', () => {
    const read = (at: number): CacheOp => ({ at, client: 'c1', kind: 'read', key: 'k' });
    const ops: CacheOp[] = [read(0), read(49), read(50), { at: 60, client: 'c2', kind: 'write', key: 'k', value: 'v' }, read(61)];
    expect(referenceHits(ops, 50)).toEqual({ hits: 1, misses: 3 });
    expect(referenceHits(ops, 0)).toEqual({ hits: 0, misses: 4 });
  });
});
