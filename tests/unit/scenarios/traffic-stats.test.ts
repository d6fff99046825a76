import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quietWindow, trafficStats } from '../../../src/scenarios/traffic-stats.ts';
import type { RequestRecord } from '../../../src/scenarios/load-server.ts';
import { HOCKEY_STICK_SERVER, measureAtUtilisation } from '../../../src/scenarios/utilisation-sweep.ts';

describe('trafficStats', () => {
  it('counts completions in [from, to), takes nearest-rank percentiles and cuts in-flight time at the edges', () => {
    const trace: RequestRecord[] = [
      { id: 1, start: 950, end: 1050 },
      { id: 2, start: 1020, end: 1040 },
      { id: 3, start: 1090, end: 1200 },
      { id: 4, start: 1000, end: 1100 },
    ];
    const stats = trafficStats(trace, 1000, 1100);
    expect(stats.completed).toBe(2);
    expect(stats.throughputPerSec).toBe(20);
    expect([stats.p50Ms, stats.p99Ms, stats.meanLatencyMs]).toEqual([20, 100, 60]);
    expect(stats.meanInFlight).toBeCloseTo((50 + 20 + 10 + 100) / 100, 12);
  });

  it('reports zero latencies for a window where nothing completes, and refuses an empty window', () => {
    expect(trafficStats([{ id: 1, start: 0, end: 500 }], 100, 200)).toMatchObject({ completed: 0, p50Ms: 0, p99Ms: 0, meanLatencyMs: 0, meanInFlight: 1 });
    expect(() => trafficStats([], 5, 5)).toThrow(/window must be non-empty/);
  });
});

describe('quietWindow', () => {
  const record = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 80 })).map(([start, length]) => ({ start, end: start + length }));
  const trace = fc.array(record, { maxLength: 60 }).map((records) => records.map((r, i) => ({ id: i + 1, ...r })));

  it("gives a window inside the asked one where Little's law is exact", () => {
    fc.assert(
      fc.property(trace, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1500 }), (requests, from, length) => {
        const window = quietWindow(requests, from, from + length);
        if (window === null) return;
        expect(window.fromMs).toBeGreaterThanOrEqual(from);
        expect(window.toMs).toBeLessThanOrEqual(from + length);
        // Nothing straddles either edge.
        for (const { start, end } of requests) {
          expect(start < window.fromMs && end > window.fromMs).toBe(false);
          expect(start < window.toMs && end > window.toMs).toBe(false);
        }
        const stats = trafficStats(requests, window.fromMs, window.toMs);
        expect(stats.meanInFlight).toBeCloseTo((stats.throughputPerSec * stats.meanLatencyMs) / 1000, 9);
      }),
    );
  });

  it('is null when the system is never quiet inside the window', () => {
    expect(quietWindow([{ id: 1, start: 0, end: 1000 }], 100, 900)).toBeNull();
  });
});

describe('measureAtUtilisation', () => {
  it('shows the hockey stick: p99 at 95% is several times p99 at 50%, and Little holds', () => {
    const half = measureAtUtilisation(HOCKEY_STICK_SERVER, 0.5, 1, 30_000);
    const high = measureAtUtilisation(HOCKEY_STICK_SERVER, 0.95, 1, 30_000);
    expect(high.p99Ms).toBeGreaterThan(3 * half.p99Ms);
    for (const point of [half, high]) expect(point.meanInFlight).toBeCloseTo((point.throughputPerSec * point.meanLatencyMs) / 1000, 9);
  });
});
