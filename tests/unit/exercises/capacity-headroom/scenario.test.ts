import { describe, expect, it } from 'vitest';
import { loadsAfterFailure, survivorRun } from '../../../../exercises/capacity-headroom/scenario.ts';

describe('an active-active survivor absorbing a dead server’s traffic', () => {
  it('spreads the dead server’s load evenly over the others', () => {
    expect(loadsAfterFailure([90, 60, 10], 1)).toEqual([{ server: 0, load: 120 }, { server: 2, load: 40 }]);
    expect(loadsAfterFailure([75, 75, 75, 75], 0).map((s) => s.load)).toEqual([100, 100, 100]);
  });

  it('keeps up well below capacity and is overloaded well above it', () => {
    for (const seed of [1, 2]) {
      const calm = survivorRun(60, 100, seed);
      const swamped = survivorRun(120, 100, seed);
      expect(calm.overloaded).toBe(false);
      expect(swamped.overloaded).toBe(true);
      expect(swamped.backlogAtEnd).toBeGreaterThan(calm.backlogAtEnd);
      expect(swamped.finalMeanLatencyMs).toBeGreaterThan(10 * calm.finalMeanLatencyMs);
    }
  });

  it('refuses a capacity that is not a whole number of milliseconds per request, and is deterministic', () => {
    expect(() => survivorRun(10, 30, 1)).toThrow(/whole milliseconds/);
    expect(survivorRun(80, 100, 3).sim.fingerprint()).toBe(survivorRun(80, 100, 3).sim.fingerprint());
  });
});
