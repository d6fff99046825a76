import { describe, expect, it } from 'vitest';
import { DEFAULT_LINKS, runPullCdn, summarisePullCdn, ttlEdgeCache, versionAt, type PullCdnOptions } from '../../../src/scenarios/pull-cdn.ts';

const STEADY: PullCdnOptions = { makeCache: ttlEdgeCache, ttlMs: 500, keys: ['a', 'b', 'c'], publishEveryMs: 700, ratePerSec: 200, stopMs: 3000 };
const ROUND_TRIP_MS = 2 * (DEFAULT_LINKS.userEdgeMs + DEFAULT_LINKS.edgeOriginMs);

describe('ttlEdgeCache', () => {
  it('serves a copy for ttlMs after it arrived, coalescing misses meanwhile', () => {
    const cache = ttlEdgeCache(100);
    expect([cache.lookup('k', 0), cache.lookup('k', 1)]).toEqual([{ kind: 'fetch' }, { kind: 'wait' }]);
    cache.fill('k', 'k@v0', 10);
    expect(cache.lookup('k', 109)).toEqual({ kind: 'hit', body: 'k@v0' });
    expect(cache.lookup('k', 110)).toEqual({ kind: 'fetch' });
  });

  it('fetches on every miss when coalescing is off', () => {
    const cache = ttlEdgeCache(100, false);
    expect([cache.lookup('k', 0), cache.lookup('k', 1)]).toEqual([{ kind: 'fetch' }, { kind: 'fetch' }]);
  });
});

describe('runPullCdn', () => {
  it('answers a cold miss after a round trip to the origin, and a hit after a round trip to the edge', () => {
    const run = runPullCdn({ ...STEADY, ratePerSec: 0, scripted: [{ atMs: 0, key: 'a' }, { atMs: 200, key: 'a' }] }, 1);
    expect(run.history.map((op) => [op.output, (op.completedAt as number) - op.invokedAt])).toEqual([
      ['a@v0', ROUND_TRIP_MS],
      ['a@v0', 2 * DEFAULT_LINKS.userEdgeMs],
    ]);
    expect(run.originFetches).toEqual([{ at: DEFAULT_LINKS.userEdgeMs + DEFAULT_LINKS.edgeOriginMs, key: 'a', version: 0 }]);
    expect(run.served.map((copy) => copy.hit)).toEqual([false, true]);
  });

  it('measures staleness from the publication of the next version', () => {
    // The copy of v0 arrives at 90 ms; v1 is published at 700 ms; a hit at 705 ms is 5 ms stale.
    const run = runPullCdn({ ...STEADY, ttlMs: 10_000, ratePerSec: 0, scripted: [{ atMs: 0, key: 'a' }, { atMs: 700, key: 'a' }] }, 1);
    expect(run.served.map((copy) => [copy.version, copy.staleMs])).toEqual([[0, 0], [0, 5]]);
    expect(versionAt(STEADY, 705)).toBe(1);
  });

  it('marks a hit whose body the origin never sent as forged, and judges its version by nothing else', () => {
    const forger = () => ({ lookup: (key: string, now: number) => ({ kind: 'hit' as const, body: `${key}@v${versionAt(STEADY, now)}` }), fill: () => {} });
    const honest = runPullCdn({ ...STEADY, ratePerSec: 0, scripted: [{ atMs: 0, key: 'a' }, { atMs: 200, key: 'a' }] }, 1);
    const forged = runPullCdn({ ...STEADY, makeCache: forger, ratePerSec: 0, scripted: [{ atMs: 800, key: 'a' }] }, 1);
    expect(honest.served.map((copy) => copy.forged)).toEqual([false, false]);
    expect(forged.served.map((copy) => [copy.hit, copy.forged, copy.staleMs])).toEqual([[true, true, 0]]);
    expect(forged.originFetches).toEqual([]);
  });

  it('sends one fetch for a flash crowd when the policy coalesces, one per user when it does not', () => {
    const crowd = Array.from({ length: 50 }, () => ({ atMs: 10, key: 'a' }));
    const coalesced = runPullCdn({ ...STEADY, ratePerSec: 0, scripted: crowd }, 1);
    const uncoalesced = runPullCdn({ ...STEADY, ratePerSec: 0, scripted: crowd, makeCache: (ttl) => ttlEdgeCache(ttl, false) }, 1);
    expect(coalesced.originFetches).toHaveLength(1);
    expect(uncoalesced.originFetches).toHaveLength(50);
    expect(coalesced.history.every((op) => op.outcome === 'ok' && op.output === 'a@v0')).toBe(true);
  });

  it('bounds staleness by the TTL plus the trip from the origin, and trades origin load for it', () => {
    const short = summarisePullCdn(runPullCdn({ ...STEADY, ttlMs: 100 }, 2));
    const long = summarisePullCdn(runPullCdn({ ...STEADY, ttlMs: 2000 }, 2));
    expect(short.maxStaleMs).toBeLessThanOrEqual(100 + DEFAULT_LINKS.edgeOriginMs);
    expect(long.maxStaleMs).toBeLessThanOrEqual(2000 + DEFAULT_LINKS.edgeOriginMs);
    expect(long.maxStaleMs).toBeGreaterThan(short.maxStaleMs);
    expect(long.originFetchesPerSec).toBeLessThan(short.originFetchesPerSec / 3);
    expect(long.hitRatio).toBeGreaterThan(short.hitRatio);
  });

  it('depends only on the seed', () => {
    expect(runPullCdn(STEADY, 3).sim.fingerprint()).toBe(runPullCdn(STEADY, 3).sim.fingerprint());
    expect(runPullCdn(STEADY, 3).sim.fingerprint()).not.toBe(runPullCdn(STEADY, 4).sim.fingerprint());
  });
});
