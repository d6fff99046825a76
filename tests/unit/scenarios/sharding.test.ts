import { describe, expect, it } from 'vitest';
import { loadByShard, movedFraction, peakToFair, reshard, ringPlacement, sampleKeys, shardHash, shardNames } from '../../../src/scenarios/sharding.ts';

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

  it('places keys on a ring of every shard given, with their points: first at or after the hash, wrapping, ties to the name that sorts first', () => {
    const positions: Record<string, number> = { 'b#0': 500, 'b#1': 900, 'a#0': 500, 'a#1': 100, 'c#0': 700, 'c#1': 300, k50: 50, k400: 400, k500: 500, k600: 600, k800: 800, k950: 950 };
    const owner = ringPlacement(['b', 'a', 'c'], 2, (text) => positions[text]!);
    expect(['k50', 'k400', 'k500', 'k600', 'k800', 'k950'].map(owner)).toEqual(['a', 'a', 'a', 'c', 'b', 'a']);
  });

  it('refuses a ring with no shard, which places no key', () => {
    expect(() => ringPlacement([], 100)).toThrow(RangeError);
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
    const before = ringPlacement(shardNames(4), 100);
    const after = ringPlacement(shardNames(5), 100);
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
    expect(peakToFair(keys, shards, ringPlacement(shards, 1))).toBeGreaterThan(peakToFair(keys, shards, ringPlacement(shards, 100)));
  });
});
