import { describe, expect, it } from 'vitest';
import { formatTick, niceDomain, niceTicks } from '../../../src/figures/scale.ts';

describe('axis ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 3000, 8)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(13, 97, 4)).toEqual([20, 40, 60, 80]);
  });

  it('never steps finer than asked (whole milliseconds)', () => {
    expect(niceTicks(0, 2, 10, 1)).toEqual([0, 1, 2]);
  });

  it('widens a domain to whole steps, and gives an empty one some room', () => {
    expect(niceDomain(3, 97)).toEqual([0, 100]);
    expect(niceDomain(0, 0)).toEqual([0, 1]);
  });

  it('prints ticks without floating-point noise, grouping thousands', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(12000)).toBe('12\u2009000');
    expect(formatTick(1500)).toBe('1500');
    expect(formatTick(-2)).toBe('−2');
  });
});
