import { describe, expect, it } from 'vitest';
import { RETRY_STORM, requestsPerSlot, retryStormRun } from '../../../src/scenarios/retry-storm.ts';
import { GUARDED_BACKEND, guardedBackendRun, type Breaker } from '../../../src/scenarios/guarded-backend.ts';

describe('the retry storm scenario', () => {
  const { baseMs, capMs, maxAttempts } = RETRY_STORM.backoff;
  const window = (attempt: number) => Math.min(capMs, baseMs * 2 ** attempt);

  it('brings every client back in one slot without jitter, and spreads them with it', () => {
    const together = retryStormRun((attempt) => (attempt >= maxAttempts ? null : window(attempt)), 1);
    const spread = retryStormRun((attempt, rng) => (attempt >= maxAttempts ? null : Math.floor(rng() * window(attempt))), 1);
    expect(together.arrivals).toHaveLength(RETRY_STORM.clients);
    expect(Math.max(...requestsPerSlot(together.arrivals).map(([, n]) => n))).toBe(RETRY_STORM.clients);
    expect(spread.arrivals).toHaveLength(RETRY_STORM.clients);
    expect(Math.max(...requestsPerSlot(spread.arrivals).map(([, n]) => n))).toBeLessThan(30);
  });

  it('counts requests per slot from the recovery on, empty slots included', () => {
    expect(requestsPerSlot([1005, 1010, 1299], 100)).toEqual([[1000, 2], [1100, 0], [1200, 1]]);
  });

  it('gives up when the policy says null: nobody retries, nothing arrives', () => {
    expect(retryStormRun(() => null, 1).arrivals).toEqual([]);
  });
});

describe('the guarded backend scenario', () => {
  const passThrough: Breaker = { call: (_now, request) => (request() ? 'success' : 'failure') };
  const rejectAll: Breaker = { call: () => 'rejected' };

  it('keeps relapsing under an unbroken stream of calls', () => {
    const run = guardedBackendRun(passThrough, { recovers: true }, 1);
    expect(run.relapses.length).toBeGreaterThan(1);
    expect(run.servingFrom).toBe(null);
  });

  it('warms up and serves when nobody calls it during the warm-up', () => {
    const run = guardedBackendRun(rejectAll, { recovers: true }, 1);
    expect(run.calls).toEqual([]);
    expect(run.relapses).toEqual([]);
    expect(run.servingFrom).toBe(GUARDED_BACKEND.recoverAtMs + GUARDED_BACKEND.warmUpMs);
  });

  it('never serves when it does not recover, and records every call and outcome', () => {
    const run = guardedBackendRun(passThrough, { recovers: false }, 2);
    expect(run.servingFrom).toBe(null);
    expect(run.calls.every((call) => call.state === 'down' && !call.ok)).toBe(true);
    expect(run.outcomes).toHaveLength(run.calls.length);
  });

  it('is deterministic for a seed', () => {
    expect(guardedBackendRun(passThrough, { recovers: true }, 3).sim.fingerprint()).toBe(guardedBackendRun(passThrough, { recovers: true }, 3).sim.fingerprint());
  });
});
