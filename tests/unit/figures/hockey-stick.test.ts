import { describe, expect, test } from 'vitest';
import { roundedExponentialMeanMs } from '../../../src/sim/network.ts';
import { HOCKEY_STICK_SERVER, mm1LatencyMs, pooledLatency } from '../../../src/scenarios/utilisation-sweep.ts';

describe('the hockey stick and its theory', () => {
  test('M/M/1: every percentile scales by 1 / (1 − ρ), plus the 2 ms round trip', () => {
    for (const q of ['mean', 0.5, 0.99] as const) {
      const at50 = mm1LatencyMs(HOCKEY_STICK_SERVER, 0.5, q) - 2;
      const at90 = mm1LatencyMs(HOCKEY_STICK_SERVER, 0.9, q) - 2;
      expect(at90 / at50, String(q)).toBeCloseTo(5, 9);
    }
    expect(mm1LatencyMs(HOCKEY_STICK_SERVER, 0.9, 0.99)).toBeCloseTo(2 + Math.log(100) * 100, 9);
  });

  test('a pooled, fixed-window measurement at 50% lands near theory', () => {
    const point = pooledLatency(HOCKEY_STICK_SERVER, 0.5, 8, 60_000);
    expect(point.samples).toBeGreaterThan(20_000);
    expect(Math.abs(point.meanMs / mm1LatencyMs(HOCKEY_STICK_SERVER, 0.5, 'mean') - 1)).toBeLessThan(0.05);
    expect(Math.abs(point.p99Ms / mm1LatencyMs(HOCKEY_STICK_SERVER, 0.5, 0.99) - 1)).toBeLessThan(0.1);
  });

  test('an exponential draw rounded to whole milliseconds has the mean the README states', () => {
    for (const mean of [0.5, 1, 2, 10]) {
      // The sum over k ≥ 1 of P(X ≥ k − ½), term by term.
      let sum = 0;
      for (let k = 1; k < 10_000; k++) sum += Math.exp(-(k - 0.5) / mean);
      expect(roundedExponentialMeanMs(mean), String(mean)).toBeCloseTo(sum, 9);
    }
    expect(1000 / roundedExponentialMeanMs(2)).toBeGreaterThan(505);
  });
});
