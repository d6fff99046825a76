import { describe, expect, it } from 'vitest';
import { untraced } from '../../../src/sim/index.ts';
import { runHeartbeats } from '../../../src/sim/examples/heartbeats.ts';

/** Two nodes exchanging heartbeats through a partition, built with `trace: true`. */
const heartbeats = () => runHeartbeats({ seed: 7 });

describe('untraced', () => {
  it('builds simulations that keep no trace, even when their options ask for one', () => {
    const traced = heartbeats();
    const quiet = untraced(heartbeats);
    expect(traced.sim.trace.size).toBeGreaterThan(50);
    expect(quiet.sim.trace.enabled).toBe(false);
    expect(quiet.sim.trace.size).toBe(0);
  });

  it('changes nothing about the run: the same fingerprint, statistics and verdicts', () => {
    const traced = heartbeats();
    const quiet = untraced(heartbeats);
    expect(quiet.sim.fingerprint()).toBe(traced.sim.fingerprint());
    expect(quiet.sim.stats).toEqual(traced.sim.stats);
    expect(quiet.verdicts).toEqual(traced.verdicts);
  });

  it('ends with its build, nested or thrown out of', () => {
    expect(untraced(() => untraced(heartbeats)).sim.trace.size).toBe(0);
    expect(() => untraced(() => { throw new Error('build failed'); })).toThrow('build failed');
    expect(heartbeats().sim.trace.size).toBeGreaterThan(50);
  });
});
