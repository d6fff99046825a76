import { describe, expect, it } from 'vitest';
import { FAIL_AT_MS, FAILED_SERVER, SLO_P99_MS, TRAFFIC_END_MS, failoverRun, survivorUtilisation, theoryFewestServers, theoryP99Ms } from '../../../src/scenarios/active-active-failover.ts';

describe('an active-active cluster losing a server at its peak', () => {
  it('crashes a busy N1 at the peak and sends every later request to a survivor', () => {
    const run = failoverRun(200, 4, 1, { trace: false });
    expect(run.failedAtPeak).toBe(true);
    expect(run.answeredByFailedBefore).toBeGreaterThan(0);
    expect(run.sentToFailedAfter).toBe(0);
    // A Poisson stream of 200 requests per second for 4 s: about 800 requests.
    expect(run.afterFailure.length).toBeGreaterThan(700);
    expect(run.afterFailure.length).toBeLessThan(900);
    expect(run.afterFailure.every((op) => op.invokedAt >= FAIL_AT_MS && op.invokedAt < TRAFFIC_END_MS && op.outcome === 'ok')).toBe(true);
    expect(run.sim.isUp(FAILED_SERVER)).toBe(false);
  });

  it('blows the p99 up when the survivors run flat out, and keeps it within the objective with headroom', () => {
    for (const seed of [1, 2, 3]) {
      const flatOut = failoverRun(200, 3, seed, { trace: false });
      const spare = failoverRun(200, 4, seed, { trace: false });
      expect(flatOut.p99Ms, `seed ${seed}: two survivors at 100%`).toBeGreaterThan(SLO_P99_MS);
      expect(spare.p99Ms, `seed ${seed}: three survivors at 67%`).toBeLessThanOrEqual(SLO_P99_MS);
      expect(flatOut.p99Ms).toBeGreaterThan(flatOut.meanMs * 2);
    }
  });

  it('gives the same run with and without the trace, and the same run for the same seed', () => {
    const traced = failoverRun(130, 3, 2);
    expect(traced.sim.trace.size).toBeGreaterThan(0);
    expect(failoverRun(130, 3, 2, { trace: false }).sim.fingerprint()).toBe(traced.sim.fingerprint());
    expect(failoverRun(130, 3, 3, { trace: false }).sim.fingerprint()).not.toBe(traced.sim.fingerprint());
  });

  it('refuses a cluster with nobody to take over', () => {
    expect(() => failoverRun(100, 1, 1)).toThrow(/at least 2 servers/);
  });

  it('predicts the M/M/1 tail: ln(100) × 10 ms / (1 − ρ) plus the wire, unbounded at full utilisation', () => {
    expect(theoryP99Ms(0)).toBeCloseTo(2 + 10 * Math.log(100), 9);
    expect(theoryP99Ms(0.5)).toBeCloseTo(2 + 20 * Math.log(100), 9);
    expect(theoryP99Ms(1)).toBe(Infinity);
    expect(survivorUtilisation(200, 3)).toBe(1);
    // The objective allows survivors up to 1 − 46.05 / 248 ≈ 81.4%.
    expect(theoryFewestServers(1)).toBe(2);
    expect(theoryFewestServers(81)).toBe(2);
    expect(theoryFewestServers(82)).toBe(3);
    expect(theoryFewestServers(130)).toBe(3);
    expect(theoryFewestServers(200)).toBe(4);
    expect(theoryFewestServers(2000)).toBe(26);
  });
});
