import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation } from '../../../src/sim/index.ts';

describe('time and order', () => {
  it('runs scheduled actions in time order, ties in the order they were scheduled', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 10_000 })), { maxLength: 200 }), (times) => {
        const sim = new Simulation({ seed: 1 });
        const ran: number[] = [];
        times.forEach((time, i) => sim.at(time, `a${i}`, () => void ran.push(i)));
        sim.run();
        expect(ran).toEqual(times.map((time, i) => ({ time, i })).sort((a, b) => a.time - b.time).map((x) => x.i));
      }),
    );
  });

  it('fires timers set for the same moment in the order they were set', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 50 }), (delays) => {
        const sim = new Simulation({ seed: 1 });
        const fired: string[] = [];
        sim.addNode('A', {
          onStart: (ctx) => delays.forEach((delay, i) => void ctx.setTimer(delay, `t${i}`)),
          onTimer: (_ctx, name) => void fired.push(name),
        });
        sim.run();
        expect(fired).toEqual(delays.map((delay, i) => ({ delay, i })).sort((a, b) => a.delay - b.delay).map((x) => `t${x.i}`));
      }),
    );
  });

  it('steps one event at a time and keeps virtual time between runs', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.at(5, 'first', () => undefined);
    sim.at(9, 'second', () => undefined);
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(5);
    expect(sim.trace.events(0, 1).map((e) => e.summary)).toEqual(['action: first']);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
    sim.run({ untilMs: 50 });
    expect(sim.now).toBe(50);
    sim.at(50, 'same moment', () => undefined);
    sim.run();
    expect(sim.trace.size).toBe(3);
  });

  it('traces duplicated messages as two deliveries with the same send time', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.network.setDefault({ duplicate: 1, latency: { kind: 'uniform', minMs: 1, maxMs: 50 }, order: 'reorder' });
    sim.addNode('A', { onStart: (ctx) => ctx.send('B', 'once') });
    sim.addNode('B', {});
    sim.run();
    const deliveries = sim.trace.events().filter((e) => e.kind === 'deliver');
    expect(deliveries.map((e) => e.sentAt)).toEqual([0, 0]);
    expect(sim.stats).toMatchObject({ messagesSent: 2, peerMessagesSent: 1, messagesDelivered: 2 });
  });
});
