import { describe, expect, it } from 'vitest';
import { LAG_SEEDS, POLL_MAX_MS, POLL_MIN_MS, pollValueText, readLagAt } from '../../../src/components/interactive/failover-lag-model.ts';

const value = (reading: ReturnType<typeof readLagAt>, key: string) => Number(reading.rows.find((row) => row.key === key)!.value.split(' ')[0]);

describe('the fail-over lag slider model', () => {
  it('slower polling means more replica lag and more acknowledged writes lost', () => {
    const fast = readLagAt(POLL_MIN_MS);
    const slow = readLagAt(POLL_MAX_MS);
    expect(value(slow, 'lag')).toBeGreaterThan(value(fast, 'lag'));
    expect(value(slow, 'best')).toBeGreaterThan(value(fast, 'best'));
  });

  it('promoting the most caught-up replica never loses more than promoting the one furthest behind', () => {
    for (const pollMs of [20, 100, 200]) {
      const reading = readLagAt(pollMs);
      expect(reading.perSeed).toHaveLength(LAG_SEEDS.length);
      for (const s of reading.perSeed) expect(s.best).toBeLessThanOrEqual(s.worst);
      expect(value(reading, 'best')).toBeLessThanOrEqual(value(reading, 'worst'));
    }
  });

  it('draws the per-seed losses as an accessible chart and says the same in its summary', () => {
    const reading = readLagAt(100);
    expect(reading.chart.svg.startsWith('<svg')).toBe(true);
    expect(reading.chart.title).toContain('every 100 ms');
    expect(reading.summary).toContain(`every 100 ms`);
    expect(reading.summary).toContain(reading.rows.find((r) => r.key === 'best')!.value);
    expect(pollValueText(100)).toBe('every 100 milliseconds');
  });

  it('is deterministic', () => {
    expect(readLagAt(60)).toEqual(readLagAt(60));
  });
});
