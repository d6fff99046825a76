import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LatencyHistogram, availability, messagesPerOperation, throughput, type Operation, type SimStats } from '../../../src/sim/index.ts';

/** Nearest rank with integer arithmetic only: the k-th percentile of n sorted values is at rank ceil(k·n/100). */
function reference(sorted: readonly number[], percent: number): number {
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1] as number;
}

describe('LatencyHistogram', () => {
  it('agrees with a sorted-array reference: the true percentile lies in the reported bucket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2_000_000 })), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 0, max: 100 }),
        (values, percent) => {
          const histogram = new LatencyHistogram();
          for (const v of values) histogram.record(v);
          const sorted = [...values].sort((a, b) => a - b);
          const truth = reference(sorted, percent);
          const { low, high } = histogram.percentileRange(percent / 100);
          expect(low).toBeLessThanOrEqual(truth);
          expect(high).toBeGreaterThanOrEqual(truth);
          // Buckets are at most ~3% wide (exact below 64).
          expect(high - low).toBeLessThanOrEqual(Math.max(0, Math.floor(truth / 32)));
          expect(histogram.percentile(percent / 100)).toBe(high);
          expect(histogram.max).toBe(sorted.at(-1));
          expect(histogram.min).toBe(sorted[0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is exact below 64 ms and reports p50/p95/p99/max by nearest rank', () => {
    const histogram = new LatencyHistogram();
    for (let v = 1; v <= 60; v++) histogram.record(v);
    expect([0.5, 0.95, 0.99, 1].map((q) => histogram.percentile(q))).toEqual([30, 57, 60, 60]);
    expect(histogram.mean).toBe(30.5);
    expect(histogram.count).toBe(60);
  });

  it('computes ranks without floating-point surprises (p7 of 1..100 is 7)', () => {
    const histogram = new LatencyHistogram();
    for (let v = 1; v <= 100; v++) histogram.record(v);
    expect(histogram.percentile(0.07)).toBe(7);
  });

  it('refuses values that are not whole non-negative milliseconds, and empty questions', () => {
    const histogram = new LatencyHistogram();
    expect(() => histogram.record(-1)).toThrow(/LatencyHistogram.record: ms must be an integer from 0 to 2147483647, got -1/);
    expect(() => histogram.record(2.5)).toThrow(/got 2.5/);
    expect(() => histogram.percentile(0.5)).toThrow(/no values recorded yet/);
    histogram.record(1);
    expect(() => histogram.percentile(1.5)).toThrow(/percentile: q must be a number in \[0, 1\], got 1.5/);
  });
});

function op(id: number, outcome: Operation['outcome'], completedAt?: number): Operation {
  return { id, client: 'c', f: 'read', input: null, invokedAt: 0, outcome, ...(completedAt === undefined ? {} : { completedAt }) };
}

describe('history metrics', () => {
  const history = [op(1, 'ok', 100), op(2, 'ok', 950), op(3, 'fail', 1000), op(4, 'unknown', 1500), op(5, 'ok', 1999), op(6, 'pending')];

  it('counts successful completions per window', () => {
    expect(throughput(history, { windowMs: 1000 })).toEqual([
      { startMs: 0, endMs: 1000, ok: 2, perSecond: 2 },
      { startMs: 1000, endMs: 2000, ok: 1, perSecond: 1 },
    ]);
    expect(throughput(history, { windowMs: 500, fromMs: 500, toMs: 1000 })).toEqual([{ startMs: 500, endMs: 1000, ok: 1, perSecond: 2 }]);
    expect(() => throughput(history, { windowMs: 0 })).toThrow(/windowMs must be a positive integer/);
  });

  it('measures availability as good answers over decided requests', () => {
    expect(availability(history)).toEqual({ good: 3, total: 5, ratio: 0.6 });
    expect(availability([]).ratio).toBe(1);
  });

  it('counts node-to-node messages per decided operation', () => {
    const stats: SimStats = { eventsProcessed: 0, messagesSent: 40, peerMessagesSent: 20, messagesDelivered: 0, messagesDropped: 0, timersFired: 0 };
    expect(messagesPerOperation(stats, history)).toBe(4);
    expect(messagesPerOperation(stats, [])).toBe(0);
  });
});
