import { describe, expect, it } from 'vitest';
import { FIRST_SEED, INITIAL_STATE, isPartitioned, readMode, readState, toggle } from '../../../src/components/interactive/partition-toggle-model.ts';

describe('the partition toggle model', () => {
  it('goes healthy → partitioned → healed, and a new partition is a new seed', () => {
    const partitioned = toggle(INITIAL_STATE);
    const healed = toggle(partitioned);
    const again = toggle(healed);
    expect([INITIAL_STATE, partitioned, healed, again].map((s) => s.phase)).toEqual(['healthy', 'partitioned', 'healed', 'partitioned']);
    expect([partitioned.seed, healed.seed, again.seed]).toEqual([FIRST_SEED, FIRST_SEED, FIRST_SEED + 1]);
    expect([INITIAL_STATE, partitioned, healed].map(isPartitioned)).toEqual([false, true, false]);
  });

  it('during the partition CP refuses and serves no stale read, while AP answers everything and serves stale reads', () => {
    const state = toggle(INITIAL_STATE);
    const cp = readMode('CP', state);
    const ap = readMode('AP', state);
    expect(cp.refused).toBeGreaterThan(0);
    expect(cp.stale).toBe(0);
    expect(ap.refused).toBe(0);
    expect(ap.answered).toBe(ap.requests);
    expect(ap.stale).toBeGreaterThan(0);
    // C is cut off: it holds an older value than A in both modes (CP just will not serve it).
    expect(cp.agree).toBe(false);
    expect(ap.agree).toBe(false);
  });

  it('after the heal both registers answer, serve no stale read and agree on one value', () => {
    const healed = toggle(toggle(INITIAL_STATE));
    for (const mode of ['CP', 'AP'] as const) {
      const reading = readMode(mode, healed);
      expect(reading.refused, mode).toBe(0);
      expect(reading.stale, mode).toBe(0);
      expect(reading.agree, mode).toBe(true);
      expect(new Set(reading.values.map((v) => v.value)).size, mode).toBe(1);
    }
  });

  it('shows the same numbers in its rows, its chart and its spoken summary', () => {
    const reading = readState(toggle(INITIAL_STATE));
    const [cp, ap] = reading.modes;
    const refused = reading.rows.find((row) => row.key === 'refused')!;
    expect(refused.cells).toEqual([`${cp!.refused} of ${cp!.requests}`, `${ap!.refused} of ${ap!.requests}`]);
    expect(reading.summary).toContain(`CP answered ${cp!.answered} of ${cp!.requests} requests, refused ${cp!.refused}`);
    expect(reading.summary).toContain(`${ap!.stale} stale reads`);
    expect(reading.chart.svg.startsWith('<svg')).toBe(true);
    expect(reading.chart.title).toContain(`seed ${FIRST_SEED}`);
    expect(reading.heading).toMatch(/^During the partition/);
  });

  it('is deterministic: the same state gives the same reading', () => {
    const state = toggle(INITIAL_STATE);
    expect(readState(state).summary).toBe(readState(state).summary);
  });
});
