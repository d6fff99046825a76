import { describe, expect, it } from 'vitest';
import { failAfterValueText, readCrashRouting, FAIL_AFTER_MAX } from '../../../src/components/interactive/crash-routing-model.ts';

const lostAt = (failAfter: number) => Number(readCrashRouting(failAfter).rows.find((row) => row.key === 'lost')!.value);

describe('the crash routing model', () => {
  it('loses more requests the more failed checks it waits for', () => {
    expect(lostAt(1)).toBeLessThan(lostAt(3));
    expect(lostAt(3)).toBeLessThan(lostAt(FAIL_AFTER_MAX));
  });

  it('stops sending to the dead backend within the worst-case detection time', () => {
    const reading = readCrashRouting(3);
    const last = Number(/^(\d+) ms after the crash$/.exec(reading.rows.find((row) => row.key === 'lastToDead')!.value)![1]);
    const worst = Number(/^(\d+) ms$/.exec(reading.rows.find((row) => row.key === 'detection')!.value)![1]);
    expect(last).toBeLessThanOrEqual(worst);
    expect(reading.rows.find((row) => row.key === 'backAfter')!.value).toMatch(/^\d+ ms after the restart$/);
  });

  it('draws an accessible plot and announces the result', () => {
    const reading = readCrashRouting(2);
    expect(reading.figure.svg).toMatch(/^<svg[^>]*role="img"/);
    expect(reading.figure.svg).toContain('b2 crashes');
    expect(reading.announcement).toMatch(/^Out after 2 failed checks: \d+ requests lost/);
    const again = readCrashRouting(2);
    expect([again.figure.svg, again.rows, again.announcement]).toEqual([reading.figure.svg, reading.rows, reading.announcement]);
  });

  it('refuses a failAfter off the slider', () => {
    expect(() => readCrashRouting(0)).toThrow(/whole number from 1 to 6/);
    expect(() => readCrashRouting(2.5)).toThrow(RangeError);
  });

  it('speaks the slider value as a count of failed checks', () => {
    expect(failAfterValueText(1)).toBe('1 failed check in a row');
    expect(failAfterValueText(4)).toBe('4 failed checks in a row');
  });
});
