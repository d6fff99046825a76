import { describe, expect, it } from 'vitest';
import { readAt, SLIDER_MAX_PERCENT, SLIDER_MIN_PERCENT, valueText } from '../../../src/components/interactive/load-slider-model.ts';

describe('the load slider model', () => {
  it('shows the hockey stick: p99 grows far faster than utilisation near saturation', () => {
    const light = readAt(SLIDER_MIN_PERCENT).point;
    const half = readAt(50).point;
    const heavy = readAt(SLIDER_MAX_PERCENT).point;
    expect(half.p99Ms).toBeGreaterThan(light.p99Ms);
    // From 50% to 98% the load grows about 2×; the tail grows much more than that.
    expect(heavy.p99Ms).toBeGreaterThan(5 * half.p99Ms);
    expect(heavy.meanInFlight).toBeGreaterThan(half.meanInFlight);
  });

  it("shows Little's law holding on the measured numbers", () => {
    const reading = readAt(80);
    const value = (key: string) => Number(reading.rows.find((row) => row.key === key)!.value);
    expect(Math.abs(value('little') - value('inFlight'))).toBeLessThanOrEqual(0.01 * value('inFlight') + 0.01);
  });

  it('shows M/M/1 theory beside the short run, so the gap near full load is visible', () => {
    const reading = readAt(SLIDER_MAX_PERCENT);
    const value = (key: string) => Number.parseFloat(reading.rows.find((row) => row.key === key)!.value);
    // S / (1 − ρ) = 10 ms / 0.02 = 500 ms, plus the client's round trip.
    expect(value('theoryMean')).toBeGreaterThanOrEqual(500);
    expect(value('theoryMean')).toBeLessThan(520);
    expect(value('theoryP99')).toBeGreaterThan(value('p99'));
    expect(reading.note).toMatch(/the theory rows give the long-run values\.$/);
  });

  it('is the same reading every time (build and page agree), and says it in words', () => {
    expect(readAt(70)).toEqual(readAt(70));
    expect(readAt(70).summary).toMatch(/^At 70% utilisation: p50 \d+ ms, p99 \d+ ms; [\d.]+ requests in flight/);
    expect(valueText(50)).toBe('50%, 50 requests per second');
  });
});
