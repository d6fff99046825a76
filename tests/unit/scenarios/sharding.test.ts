import { describe, expect, it } from 'vitest';
import { loadByShard, modOwner, movedFraction, peakToFair, reshard, ringOwners, sampleKeys, shardHash, shardNames } from '../../../src/scenarios/sharding.ts';

describe('sharding', () => {
  it('hashes to unsigned 32-bit integers, the same in every run', () => {
    expect(shardHash('s1#0')).toBe(shardHash('s1#0'));
    for (const text of ['', 'a', 's1#0', 's1#1', 'user:42']) {
      const h = shardHash(text);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
    // Neighbouring texts land far apart (the finaliser mixes the last character into the high bits).
    expect(Math.abs(shardHash('s1#0') - shardHash('s1#1'))).toBeGreaterThan(2 ** 20);
  });

  it('samples distinct keys, reproducibly from the seed', () => {
    const keys = sampleKeys(7, 500);
    expect(new Set(keys).size).toBe(500);
    expect(sampleKeys(7, 500)).toEqual(keys);
    expect(sampleKeys(8, 500)).not.toEqual(keys);
  });

  it('places keys by hash mod N', () => {
    const hash = (text: string) => ({ a: 7, b: 12 })[text as 'a' | 'b'];
    expect(modOwner('a', ['x', 'y', 'z'], hash)).toBe('y');
    expect(modOwner('b', ['x', 'y', 'z', 'w'], hash)).toBe('x');
  });

  it('places keys on the first ring point at or after their hash, wrapping, ties to the name that sorts first', () => {
    const positions: Record<string, number> = { 'b#0': 500, 'a#0': 500, 'c#0': 700, k400: 400, k500: 500, k600: 600, k800: 800 };
    const owner = ringOwners(['b', 'a', 'c'], 1, (text) => positions[text]!);
    expect(['k400', 'k500', 'k600', 'k800'].map(owner)).toEqual(['a', 'a', 'c', 'a']);
  });

  it('moves about 1/(N+1) of the keys on a ring with virtual nodes, and most of them with hash mod N', () => {
    const keys = sampleKeys(1, 5000);
    const outcome = reshard(keys, 4, 100);
    expect(outcome.ideal).toBeCloseTo(0.2);
    expect(outcome.ringMoved).toBeGreaterThan(0.12);
    expect(outcome.ringMoved).toBeLessThan(0.28);
    expect(outcome.modMoved).toBeGreaterThan(0.7);
    expect(outcome.ringPeakToFair).toBeLessThan(1.3);
    // On the ring, every key that moves goes to the new shard.
    const before = ringOwners(shardNames(4), 100);
    const after = ringOwners(shardNames(5), 100);
    expect(keys.filter((key) => before(key) !== after(key)).every((key) => after(key) === 's5')).toBe(true);
  });

  it('measures moved keys and load from two placements', () => {
    const keys = ['k1', 'k2', 'k3', 'k4'];
    expect(movedFraction(keys, () => 'a', (key) => (key === 'k1' ? 'b' : 'a'))).toBe(0.25);
    expect([...loadByShard(keys, ['a', 'b'], (key) => (key === 'k1' ? 'b' : 'a'))]).toEqual([['a', 3], ['b', 1]]);
    expect(peakToFair(keys, ['a', 'b'], (key) => (key === 'k1' ? 'b' : 'a'))).toBe(1.5);
  });

  it('spreads keys unevenly with one point per shard, evenly with many', () => {
    const keys = sampleKeys(2, 5000);
    const shards = shardNames(6);
    expect(peakToFair(keys, shards, ringOwners(shards, 1))).toBeGreaterThan(peakToFair(keys, shards, ringOwners(shards, 100)));
  });
});
