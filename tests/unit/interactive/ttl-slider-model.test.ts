import { describe, expect, it } from 'vitest';
import { readTtl, ttlValueText, TTL_MAX_MS } from '../../../src/components/interactive/ttl-slider-model.ts';

const numberIn = (text: string) => Number(/[\d.]+/.exec(text)![0]);

describe('the TTL slider model', () => {
  it('shows less origin load and more staleness as the TTL grows', () => {
    const short = readTtl(250);
    const long = readTtl(TTL_MAX_MS);
    const value = (reading: ReturnType<typeof readTtl>, key: string) => numberIn(reading.rows.find((row) => row.key === key)!.value);
    expect(value(long, 'origin')).toBeLessThan(value(short, 'origin'));
    expect(value(long, 'maxStale')).toBeGreaterThan(value(short, 'maxStale'));
    expect(value(long, 'hits')).toBeGreaterThan(value(short, 'hits'));
  });

  it('sends every request to the origin at a TTL of 0', () => {
    const reading = readTtl(0);
    expect(reading.summary.hitRatio).toBe(0);
    expect(reading.rows.find((row) => row.key === 'hits')!.value).toBe('0%');
    expect(ttlValueText(0)).toMatch(/every request goes to the origin/);
  });

  it('is the same reading every time (build and page agree)', () => {
    expect(readTtl(1000)).toEqual(readTtl(1000));
    expect(readTtl(1000).announcement).toMatch(/^TTL 1000 ms: the origin gets [\d.]+ per second/);
  });

  it('refuses a TTL that is not a slider step', () => {
    expect(() => readTtl(1001)).toThrow(/not a step of 250 ms/);
    expect(() => readTtl(TTL_MAX_MS + 250)).toThrow(RangeError);
  });
});
