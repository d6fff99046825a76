import { describe, expect, it } from 'vitest';
import { downValueText, readOutage } from '../../../src/components/interactive/instance-killer-model.ts';
import { CALLERS } from '../../../src/figures/lessons/13-service-discovery-and-service-mesh.ts';

describe('instance killer model', () => {
  it('shows no failures without an outage', () => {
    expect(readOutage(0, 300).rows.map((row) => row.failed)).toEqual([0, 0, 0]);
  });

  it('ranks the callers during a long outage: fixed list worst, eviction best', () => {
    const [fixed, refreshing, evicting] = readOutage(2000, 300).rows;
    expect(fixed!.failed).toBeGreaterThan(refreshing!.failed);
    expect(refreshing!.failed).toBeGreaterThan(evicting!.failed);
    expect(fixed!.value).toBe(`${fixed!.failed} of ${fixed!.calls} calls failed`);
  });

  it('keys each row by its caller, in the order the table lists them', () => {
    expect(readOutage(1000, 300).rows.map(({ key, label }) => [key, label])).toEqual(CALLERS.map(({ name }, i) => [String(i), name]));
  });

  it('a longer TTL keeps a dead instance listed longer, so the refreshing caller fails more', () => {
    expect(readOutage(2000, 1000).rows[1]!.failed).toBeGreaterThan(readOutage(2000, 100).rows[1]!.failed);
  });

  it('is deterministic, says what it ran, and refuses settings its sliders cannot make', () => {
    expect(readOutage(1000, 300)).toEqual(readOutage(1000, 300));
    expect(readOutage(1000, 300).summary).toMatch(/^api-2 down for 1000 ms, registry TTL 300 ms: fixed list/);
    expect(downValueText(0)).toBe('no outage');
    expect(() => readOutage(150, 300)).toThrow(/steps of 100/);
    expect(() => readOutage(1000, 0)).toThrow(/TTL 100–1000 ms/);
  });
});
