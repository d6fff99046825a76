import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/sim/index.ts';
import { poissonArrivals, startOpenLoop } from '../../../src/scenarios/open-loop.ts';

describe('poissonArrivals', () => {
  it('arrives at the requested rate on average, in order, within the window', () => {
    const sim = new Simulation({ seed: 1 });
    const times = poissonArrivals(sim, { ratePerSec: 200, startMs: 100, stopMs: 60_100, node: 'x' });
    expect(times.length).toBeGreaterThan(200 * 60 * 0.95);
    expect(times.length).toBeLessThan(200 * 60 * 1.05);
    expect(times.every((time, i) => Number.isInteger(time) && time >= 100 && time < 60_100 && (i === 0 || time >= times[i - 1]!))).toBe(true);
  });

  it('depends only on the seed', () => {
    const spec = { ratePerSec: 50, stopMs: 5000, node: 'x' };
    expect(poissonArrivals(new Simulation({ seed: 7 }), spec)).toEqual(poissonArrivals(new Simulation({ seed: 7 }), spec));
    expect(poissonArrivals(new Simulation({ seed: 8 }), spec)).not.toEqual(poissonArrivals(new Simulation({ seed: 7 }), spec));
  });

  it('refuses a rate that is not positive', () => {
    expect(() => poissonArrivals(new Simulation({ seed: 1 }), { ratePerSec: 0, stopMs: 10, node: 'x' })).toThrow(/ratePerSec must be positive/);
  });
});

describe('startOpenLoop', () => {
  it('sends every arrival, whether or not earlier requests were answered, by growing the client pool', () => {
    const sim = new Simulation({ seed: 2 });
    // A server that answers each request 500 ms later: many requests are in flight at once.
    sim.addNode('slow', { onRequest: (ctx, request) => ctx.setTimer(500, 'answer', request), onTimer: (ctx, _name, request) => ctx.reply(request as never, 'ok') });
    const spec = { ratePerSec: 100, stopMs: 2000, node: 'slow' };
    const expected = poissonArrivals(new Simulation({ seed: 2 }), spec);
    startOpenLoop(sim, spec);
    sim.run();
    const history = sim.history();
    expect(history.map((op) => op.invokedAt)).toEqual(expected);
    expect(history.every((op) => op.outcome === 'ok' && op.completedAt! - op.invokedAt === 502)).toBe(true);
    expect(new Set(history.map((op) => op.client)).size).toBeGreaterThan(30);
  });
});
