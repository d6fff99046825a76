import { describe, expect, it } from 'vitest';
import { measureAvailability } from '../../../../src/testkit/checkers/index.ts';
import { PEAK_LOAD_OUTAGE, peakLoadOutageRun } from '../../../../exercises/availability-math/scenario.ts';

describe('the peak-load outage', () => {
  const run = peakLoadOutageRun(1);

  it('records the one crash as the server\'s only outage', () => {
    expect(run.outages).toEqual([{ from: PEAK_LOAD_OUTAGE.crashAtMs, to: PEAK_LOAD_OUTAGE.repairedAtMs }]);
  });

  it('loses requests to the crash and delays replies during the rush', () => {
    const inOutage = run.history.filter((op) => op.invokedAt >= PEAK_LOAD_OUTAGE.crashAtMs && op.invokedAt < PEAK_LOAD_OUTAGE.repairedAtMs);
    expect(inOutage.length).toBeGreaterThan(20);
    expect(inOutage.every((op) => op.outcome === 'unknown')).toBe(true);
    const late = run.history.filter((op) => op.outcome === 'ok' && op.completedAt! - op.invokedAt > PEAK_LOAD_OUTAGE.deadlineMs);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((op) => op.invokedAt >= PEAK_LOAD_OUTAGE.peakFromMs && op.invokedAt < PEAK_LOAD_OUTAGE.peakToMs)).toBe(true);
  });

  it('gives a request-based availability well below the 97% time-based uptime', () => {
    const uptime = 1 - (PEAK_LOAD_OUTAGE.repairedAtMs - PEAK_LOAD_OUTAGE.crashAtMs) / PEAK_LOAD_OUTAGE.horizonMs;
    expect(uptime).toBeCloseTo(0.97, 12);
    const byRequests = measureAvailability(run.history, { deadlineMs: PEAK_LOAD_OUTAGE.deadlineMs }).fraction;
    expect(byRequests).toBeLessThan(uptime - 0.03);
    // Ignoring the deadline gives yet another number: the lesson's "late is as bad as down".
    expect(measureAvailability(run.history, { deadlineMs: Infinity }).fraction).toBeGreaterThan(byRequests);
  });

  it('replays identically for a seed', () => {
    expect(peakLoadOutageRun(1).sim.fingerprint()).toBe(run.sim.fingerprint());
    expect(peakLoadOutageRun(2).sim.fingerprint()).not.toBe(run.sim.fingerprint());
  });
});
