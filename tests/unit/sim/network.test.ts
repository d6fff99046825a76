import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, Simulation, SimConfigError, type LinkConfig, type TraceEvent } from '../../../src/sim/index.ts';
import { sampleLatency } from '../../../src/sim/network.ts';
import { gossipSimulation, nodeIds } from './scenarios.ts';

/** A sends `count` numbered messages to B at t=0; returns the trace. */
function burst(link: Partial<LinkConfig>, count: number, seed = 1): { sim: Simulation; received: number[] } {
  const sim = new Simulation({ seed, trace: true });
  sim.network.setDefault(link);
  const received: number[] = [];
  sim.addNode('A', {
    onStart: (ctx) => {
      for (let i = 0; i < count; i++) ctx.send('B', i);
    },
  });
  sim.addNode('B', { onMessage: (_ctx, _from, message) => void received.push(message as number) });
  sim.run();
  return { sim, received };
}

function deliveries(events: readonly TraceEvent[]): TraceEvent[] {
  return events.filter((e) => e.kind === 'deliver');
}

describe('latency distributions', () => {
  it('constant latency delivers exactly that many ms later', () => {
    const { sim } = burst({ latency: { kind: 'constant', ms: 7 } }, 3);
    expect(deliveries(sim.trace.events()).map((e) => e.time - (e.sentAt as number))).toEqual([7, 7, 7]);
  });

  it('uniform latency stays within [min, max] and reaches both ends', () => {
    const { sim } = burst({ latency: { kind: 'uniform', minMs: 3, maxMs: 6 }, order: 'reorder' }, 2000);
    const latencies = deliveries(sim.trace.events()).map((e) => e.time - (e.sentAt as number));
    expect(Math.min(...latencies)).toBe(3);
    expect(Math.max(...latencies)).toBe(6);
  });

  it('exponential latency has the requested mean (±5% over 20 000 messages) above its minimum', () => {
    const { sim } = burst({ latency: { kind: 'exponential', meanMs: 40, minMs: 2 }, order: 'reorder' }, 20_000);
    const latencies = deliveries(sim.trace.events()).map((e) => e.time - (e.sentAt as number));
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(2);
    expect(Math.abs(mean - 42)).toBeLessThan(2.1);
    expect(latencies.every(Number.isInteger)).toBe(true);
  });

  it('per-link overrides win over the default, in one direction unless bothWays', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', {});
    sim.addNode('B', {});
    sim.network.setLink('A', 'B', { loss: 0.5 });
    expect(sim.network.link('A', 'B').loss).toBe(0.5);
    expect(sim.network.link('B', 'A').loss).toBe(0);
    sim.network.setLink('A', 'B', { duplicate: 0.1 }, { bothWays: true });
    expect(sim.network.link('B', 'A').duplicate).toBe(0.1);
    expect(sim.network.link('A', 'B').loss).toBe(0.5);
  });
});

describe('loss, duplication, ordering', () => {
  it('loses about the configured share of messages', () => {
    const { received, sim } = burst({ loss: 0.3 }, 10_000);
    expect(Math.abs(received.length - 7_000)).toBeLessThan(300);
    expect(sim.trace.events().filter((e) => e.kind === 'drop').every((e) => e.reason === 'loss')).toBe(true);
  });

  it('duplicates about the configured share of messages', () => {
    const { received } = burst({ duplicate: 0.2 }, 10_000);
    expect(Math.abs(received.length - 12_000)).toBeLessThan(300);
  });

  it("a duplicate's latency comes from its link's own stream, forked by name when the link first duplicates", () => {
    const latency = { kind: 'uniform', minMs: 1, maxMs: 1000 } as const;
    for (const seed of [1, 2, 3]) {
      const { sim } = burst({ latency, duplicate: 1, order: 'reorder' }, 1, seed);
      const latencies = deliveries(sim.trace.events()).map((e) => e.time - (e.sentAt as number));
      expect(latencies).toHaveLength(2);
      expect(latencies).toContain(sampleLatency(latency, Rng.fromSeed(seed).fork('link:A->B/dup')));
    }
  });

  it('FIFO links never reorder, even with random latency', () => {
    const { received } = burst({ latency: { kind: 'exponential', meanMs: 20 }, order: 'fifo' }, 500);
    expect(received).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('reordering links deliver in latency order, not send order', () => {
    const { received } = burst({ latency: { kind: 'exponential', meanMs: 20 }, order: 'reorder' }, 500);
    expect(received).not.toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect([...received].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});

describe('partitions', () => {
  const groupsArbitrary = fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 })
    .map((sides) => [0, 1, 2].map((side) => nodeIds(4).filter((_, i) => sides[i] === side)).filter((g) => g.length > 0));

  it('nothing crosses a partition while it stands (any grouping)', () => {
    fc.assert(
      fc.property(fc.integer(), groupsArbitrary, (seed, groups) => {
        const sim = gossipSimulation(seed, { trace: true, faults: [{ at: 100, kind: 'partition', groups }] });
        sim.run({ untilMs: 600 });
        const side = new Map(groups.flatMap((group, g) => group.map((id) => [id, g] as const)));
        for (const e of sim.trace.events()) {
          if (e.kind === 'deliver' && e.time >= 100) expect(side.get(e.from as string)).toBe(side.get(e.to as string));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('everything sent after a heal can arrive: on a lossless link every message is delivered', () => {
    fc.assert(
      fc.property(fc.integer(), groupsArbitrary, (seed, groups) => {
        const sim = gossipSimulation(seed, {
          trace: true,
          link: { loss: 0, duplicate: 0 },
          faults: [{ at: 100, kind: 'partition', groups }, { at: 300, kind: 'heal' }],
        });
        sim.run({ untilMs: 1000 });
        const events = sim.trace.events();
        const sentAfterHeal = (e: TraceEvent): boolean => e.sentAt !== undefined && e.sentAt >= 300;
        expect(events.filter((e) => e.kind === 'drop' && sentAfterHeal(e))).toEqual([]);
        expect(events.some((e) => e.kind === 'deliver' && sentAfterHeal(e))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('drops messages already in flight when a partition starts (reason: partition)', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.network.setDefault({ latency: { kind: 'constant', ms: 10 } });
    sim.addNode('A', { onStart: (ctx) => ctx.send('B', 'hello') });
    sim.addNode('B', { onMessage: () => { throw new Error('must not arrive'); } });
    sim.at(5, 'cut', () => sim.partition([['A'], ['B']]));
    sim.run();
    const drop = sim.trace.events().find((e) => e.kind === 'drop');
    expect(drop).toMatchObject({ time: 10, from: 'A', to: 'B', sentAt: 0, reason: 'partition' });
  });

  it('one-way partitions cut one direction only', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    const heard: string[] = [];
    const echo = { onMessage: (ctx: { id: string }, from: string) => void heard.push(`${from}->${ctx.id}`) };
    sim.addNode('A', { ...echo, onStart: (ctx) => ctx.send('B', 'ping') });
    sim.addNode('B', { ...echo, onStart: (ctx) => ctx.send('A', 'ping') });
    sim.partitionOneWay('A', 'B');
    expect(sim.isBlocked('A', 'B')).toBe(true);
    expect(sim.isBlocked('B', 'A')).toBe(false);
    sim.run();
    expect(heard).toEqual(['B->A']);
  });

  it('partitions add up until heal', () => {
    const sim = new Simulation({ seed: 1 });
    for (const id of ['A', 'B', 'C']) sim.addNode(id, {});
    sim.partition([['A', 'B'], ['C']]);
    sim.partition([['A'], ['B']]);
    expect(sim.isBlocked('A', 'B') && sim.isBlocked('A', 'C') && sim.isBlocked('C', 'B')).toBe(true);
    sim.heal();
    expect(sim.isBlocked('A', 'B') || sim.isBlocked('A', 'C') || sim.isBlocked('C', 'B')).toBe(false);
  });
});

describe('bad network configuration names the field and the value', () => {
  const sim = new Simulation({ seed: 1 });
  sim.addNode('A', {});
  it.each([
    [{ latency: { kind: 'constant', ms: -1 } }, /latency.ms must be a non-negative integer \(ms\), got -1/],
    [{ latency: { kind: 'uniform', minMs: 5, maxMs: 2 } }, /latency.maxMs must be ≥ minMs \(5\), got 2/],
    [{ latency: { kind: 'exponential', meanMs: -3 } }, /latency.meanMs must be a non-negative number \(ms\), got -3/],
    [{ latency: { kind: 'normal' } }, /latency.kind must be 'constant', 'uniform' or 'exponential', got "normal"/],
    [{ loss: 1.5 }, /loss must be a probability in \[0, 1\], got 1.5/],
    [{ duplicate: -0.1 }, /duplicate must be a probability in \[0, 1\], got -0.1/],
    [{ order: 'random' }, /order must be 'fifo' or 'reorder', got "random"/],
    [{ jitter: 3 }, /jitter is not a link setting/],
  ])('setDefault(%j)', (config, message) => {
    expect(() => sim.network.setDefault(config as Partial<LinkConfig>)).toThrow(message);
  });

  it('unknown ids in links and partitions', () => {
    expect(() => sim.network.setLink('A', 'Z', { loss: 0 })).toThrow(/setLink\(A, Z\): to is not a node or client of this simulation, got "Z"/);
    expect(() => sim.partition([['A'], ['Z']])).toThrow(SimConfigError);
    expect(() => sim.partition([['A'], ['Z']])).toThrow(/partition: groups names an unknown node or client, got "Z"/);
    expect(() => sim.partition([['A'], ['A']])).toThrow(/names an id in two groups/);
  });
});
