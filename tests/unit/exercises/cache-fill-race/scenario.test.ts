import { describe, expect, it } from 'vitest';
import { INITIAL_VALUE, ROUNDS_MS, STORY, cacheFillRun, plainLookup, type CacheLike } from '../../../../exercises/cache-fill-race/scenario.ts';
import { LeaseCache } from '../../../../exercises/cache-fill-race/solution.ts';

/** Plain cache-aside: every fill is stored. */
function naiveCache(): CacheLike {
  const values = new Map<string, string>();
  return {
    get: (key) => (values.has(key) ? { hit: true, value: values.get(key) } : { hit: false, token: 0 }),
    fill: (key: string, value: string) => (values.set(key, value), true),
    delete: (key) => void values.delete(key),
  };
}

const SEEDS = [1, 2, 3, 4];

describe('cache fill race', () => {
  it('plays the race on the story key on every seed: miss, old row read, write, delete, then the fill', () => {
    for (const seed of SEEDS) {
      for (const make of [() => new LeaseCache(), naiveCache]) {
        const run = cacheFillRun(make, seed);
        const fill = run.fills.find((f) => f.key === STORY.key && f.atMs < ROUNDS_MS[0]);
        expect(fill).toMatchObject({ value: INITIAL_VALUE, version: 0, overtaken: true, stale: true });
        const del = run.deletes.find((d) => d.key === STORY.key);
        expect(del!.atMs).toBeGreaterThan(fill!.missAtMs);
        expect(del!.atMs).toBeLessThan(fill!.atMs);
        expect(run.history.every((op) => op.outcome === 'ok')).toBe(true);
      }
    }
  });

  it('leaves the old value cached for good with a naive cache, and serves the new one with leases', () => {
    for (const seed of SEEDS) {
      const naive = cacheFillRun(naiveCache, seed);
      const lease = cacheFillRun(() => new LeaseCache(), seed);
      const storyReads = (run: typeof naive) => run.history.filter((op) => op.f === 'read' && op.key === STORY.key && op.invokedAt >= ROUNDS_MS[0]).map((op) => op.output);
      expect(storyReads(naive)).toEqual(ROUNDS_MS.map(() => INITIAL_VALUE));
      expect(storyReads(lease)).toEqual(ROUNDS_MS.map(() => STORY.write.value));
      expect(naive.rows[STORY.key]).toBe(STORY.write.value);
    }
  });

  it('tells the story of a key in order, for a failure to show', () => {
    const lines = cacheFillRun(naiveCache, 1).events.filter((e) => e.key === STORY.key).map((e) => e.line);
    const order = ['cache   get user:7', 'db      read user:7', 'db      write user:7', 'cache   delete user:7', 'cache   fill user:7 = "initial"'];
    const at = order.map((text) => lines.findIndex((line) => line.includes(text)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(lines[at[4]!]).toContain('→ stored');
  });

  it('reads the cache’s answers as plain data, and anything malformed as a miss without a token', () => {
    expect(plainLookup({ hit: true, value: '' })).toEqual({ hit: true, value: '' });
    expect(plainLookup({ hit: false, token: 'k:1' })).toEqual({ hit: false, token: 'k:1' });
    expect(plainLookup({ hit: true })).toEqual({ hit: false, token: null });
    expect(plainLookup(undefined)).toEqual({ hit: false, token: null });
  });

  it('replays identically for a seed', () => {
    expect(cacheFillRun(() => new LeaseCache(), 3).sim.fingerprint()).toBe(cacheFillRun(() => new LeaseCache(), 3).sim.fingerprint());
  });
});
