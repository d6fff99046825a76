import { describe, expect, it } from 'vitest';
import { leaseValueText, readLeaseAt } from '../../../src/components/interactive/lease-tuner-model.ts';

const cell = (reading: ReturnType<typeof readLeaseAt>, key: string) => reading.rows.find((row) => row.key === key)!.value;
const number = (text: string) => Number(text.split(' ')[0]);

describe('the lease tuner model', () => {
  it('short leases redeliver slow jobs and double emails; long leases leave a crashed job waiting', () => {
    const short = readLeaseAt(100);
    const long = readLeaseAt(600);
    expect(number(cell(short, 'doubleEmails'))).toBeGreaterThan(0);
    expect(number(cell(long, 'doubleEmails'))).toBe(0);
    expect(number(cell(long, 'crashWait'))).toBeGreaterThan(600);
    expect(number(cell(short, 'crashWait'))).toBeLessThan(number(cell(long, 'crashWait')));
  });

  it('a lease shorter than ordinary jobs dead-letters healthy ones', () => {
    expect(number(cell(readLeaseAt(50), 'dead'))).toBeGreaterThan(0);
    expect(number(cell(readLeaseAt(200), 'dead'))).toBe(0);
  });

  it('draws the chart, speaks its value, and is deterministic', () => {
    const reading = readLeaseAt(250);
    expect(reading.chart.title).toContain('250 ms');
    expect(reading.summary).toContain('Leases of 250 ms');
    expect(leaseValueText(250)).toBe('250 milliseconds');
    expect(readLeaseAt(250)).toEqual(reading);
  });
});
