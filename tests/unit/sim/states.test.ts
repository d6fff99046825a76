import { describe, expect, it } from 'vitest';
import { Simulation, withStateSnapshots, type NodeBehaviour } from '../../../src/sim/index.ts';

/** A counts the pings B sends it every 10 ms; B crashes at 35 ms and restarts at 50 ms. */
function pings(options: { snapshotState?: (state: unknown) => unknown; trace?: boolean; state?: () => unknown } = {}): Simulation {
  const sim = new Simulation({ seed: 5, trace: options.trace ?? true, ...(options.snapshotState === undefined ? {} : { snapshotState: options.snapshotState }) });
  sim.addNode('A', () => {
    const seen: number[] = [];
    return {
      onMessage: (ctx) => void seen.push(ctx.now),
      state: options.state ?? (() => ({ seen })),
    } satisfies NodeBehaviour;
  });
  sim.addNode('B', () => ({
    onStart: (ctx) => void ctx.setTimer(10, 'ping'),
    onTimer: (ctx) => {
      ctx.send('A', 'ping');
      ctx.setTimer(10, 'ping');
    },
  }));
  sim.at(35, 'crash A', () => sim.crash('A'));
  sim.at(50, 'restart A', () => sim.restart('A'));
  sim.run({ untilMs: 75 });
  return sim;
}

const copy = (state: unknown) => structuredClone(state);

describe('node states', () => {
  it('are kept, as copies, on the events whose handlers ran, when the run records them', () => {
    const sim = pings({ snapshotState: copy });
    const withState = sim.trace.events().filter((event) => 'state' in event);
    expect(withState.map((event) => [event.time, event.kind, event.node, event.state])).toEqual([
      [0, 'start', 'A', { seen: [] }],
      [11, 'deliver', 'A', { seen: [11] }],
      [21, 'deliver', 'A', { seen: [11, 21] }],
      [31, 'deliver', 'A', { seen: [11, 21, 31] }],
      // A restart starts from nothing: the volatile state is gone, and the step shows it.
      [50, 'restart', 'A', { seen: [] }],
      [51, 'deliver', 'A', { seen: [51] }],
      [61, 'deliver', 'A', { seen: [51, 61] }],
      [71, 'deliver', 'A', { seen: [51, 61, 71] }],
    ]);
  });

  it('change nothing about the run: the same fingerprint with and without them', () => {
    expect(pings({ snapshotState: copy }).fingerprint()).toBe(pings().fingerprint());
    expect(pings().trace.events().some((event) => 'state' in event)).toBe(false);
  });

  it('are recorded for simulations built inside withStateSnapshots, and only there', () => {
    const inside = withStateSnapshots(copy, () => pings());
    expect(inside.trace.events().filter((event) => 'state' in event)).toHaveLength(8);
    expect(pings().trace.events().some((event) => 'state' in event)).toBe(false);
    expect(withStateSnapshots(copy, () => pings({ trace: false })).trace.events()).toEqual([]);
  });

  it('read as a sentence when the node cannot show them, and the run goes on', () => {
    const sim = pings({ snapshotState: copy, state: () => { throw new Error('no state yet'); } });
    const states = sim.trace.events().filter((event) => 'state' in event).map((event) => event.state);
    expect(states).toHaveLength(8);
    expect(states[0]).toBe('(the state of A could not be read: no state yet)');
    expect(sim.now).toBe(75);
  });

  it('refuse a snapshotState that is not a function', () => {
    expect(() => new Simulation({ seed: 1, snapshotState: 'yes' as never })).toThrow(/snapshotState/);
  });
});
