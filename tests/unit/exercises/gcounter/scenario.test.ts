import { describe, expect, it } from 'vitest';
import { stateGossipRun, type GossipReplica } from '../../../../exercises/gcounter/scenario.ts';
import { fromLearner } from '../../../../src/testkit/boundary/membrane.ts';

/** A grow-only set: merge is union, so it converges whatever the network does. */
class GrowOnlySet implements GossipReplica<string[]> {
  items = new Set<string>();
  state(): string[] {
    return [...this.items].sort();
  }
  merge(other: string[]): void {
    for (const item of other) this.items.add(item);
  }
}

/** Keeps whichever state it heard last: the order of arrival decides, so replicas disagree. */
class LastHeard extends GrowOnlySet {
  override merge(other: string[]): void {
    this.items = new Set(other);
  }
}

const runWith = (create: () => GrowOnlySet, seed: number) =>
  stateGossipRun<GrowOnlySet, string[]>(
    {
      replicas: ['A', 'B', 'C'],
      create,
      serve: (set, f, input) => (f === 'add' ? set.items.add(input as string) && undefined : set.state()),
      next: ({ client, count }) => ({ f: 'add', input: `${client.id}:${count}` }),
    },
    seed,
  );

describe('state gossip', () => {
  it('spreads every update to every replica through a lossy, duplicating, reordering network', () => {
    const run = runWith(() => new GrowOnlySet(), 1);
    const added = run.history.filter((op) => op.f === 'add' && op.outcome === 'ok').map((op) => op.input as string).sort();
    expect(added.length).toBeGreaterThan(100);
    for (const replica of Object.values(run.replicas)) expect(replica.state()).toEqual(added);
    const events = run.sim.trace.events();
    expect(events.some((e) => e.kind === 'drop' && e.reason === 'loss')).toBe(true);
    // A duplicate is a second delivery of the same send: same link, same send time, same content.
    const deliveries = events.filter((e) => e.kind === 'deliver').map((e) => `${e.from}>${e.to}@${e.sentAt} ${e.summary}`);
    expect(new Set(deliveries).size).toBeLessThan(deliveries.length);
  });

  it('exposes a merge that depends on arrival order', () => {
    const states = [1, 2, 3].map((seed) => Object.values(runWith(() => new LastHeard(), seed).replicas).map((r) => r.state().length));
    expect(states.some((lengths) => new Set(lengths).size > 1 || lengths[0]! < 100)).toBe(true);
  });

  it('hands each learner replica, through the boundary, its own copy of a state, never a shared or frozen one', () => {
    const received: string[][] = [];
    class Recording extends GrowOnlySet {
      override merge(other: string[]): void {
        expect(Object.isFrozen(other)).toBe(false);
        other.push('mutated by the receiver');
        received.push(other);
        super.merge(other.slice(0, -1));
      }
    }
    // As in grading, the tests hold a handle to the learner's object, and every call crosses the boundary.
    const run = runWith(() => fromLearner(new Recording()) as Recording, 2);
    expect(received.length).toBeGreaterThan(0);
    for (const replica of Object.values(run.replicas)) expect(replica.state()).not.toContain('mutated by the receiver');
  });

  it('replays identically for a seed', () => {
    expect(runWith(() => new GrowOnlySet(), 4).sim.fingerprint()).toBe(runWith(() => new GrowOnlySet(), 4).sim.fingerprint());
  });
});
