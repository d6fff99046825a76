import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateFaultPlan, withFinalHeal } from '../../../src/sim/index.ts';
import { gossipSimulation, nodeIds } from './scenarios.ts';

function chaoticRun(seed: number): { fingerprint: string; events: number; history: number } {
  const nodes = nodeIds(5);
  const plan = withFinalHeal(
    generateFaultPlan(seed, {
      nodes, durationMs: 1500, minFaultMs: 40, minStableMs: 40,
      kinds: ['crash', 'pause', 'partition', 'partition-one-way', 'loss-burst', 'latency-spike', 'clock-skew'],
    }),
    { atMs: 1600, nodes },
  );
  const sim = gossipSimulation(seed, { nodes: 5, faults: plan });
  const client = sim.addClient('c1', { timeoutMs: 30 });
  const pickNode = sim.rng.fork('workload');
  client.closedLoop(() => ({ node: pickNode.pick(nodes), f: 'heard' }), { thinkMs: 5 });
  sim.run({ untilMs: 2000 });
  return { fingerprint: sim.fingerprint(), events: sim.stats.eventsProcessed, history: sim.history().length };
}

describe('determinism', () => {
  it('the same seed gives the same fingerprint (many seeds, with faults of every kind)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(chaoticRun(seed)).toEqual(chaoticRun(seed));
      }),
      { numRuns: 40 },
    );
  });

  it('different seeds give different fingerprints', () => {
    const prints = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => chaoticRun(seed).fingerprint));
    expect(prints.size).toBe(8);
  });

  it('the fingerprint covers message content, not just timing', () => {
    const run = (value: number): string => {
      const sim = gossipSimulation(1, { nodes: 2 });
      sim.addNode('x', { onStart: (ctx) => ctx.send('n1', { value }) });
      sim.run({ untilMs: 100 });
      return sim.fingerprint();
    };
    expect(run(1)).not.toBe(run(2));
  });
});
