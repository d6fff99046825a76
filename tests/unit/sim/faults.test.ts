import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Simulation, formatFaultPlan, generateFaultPlan, validateFaultPlan, withFinalHeal, type Fault, type FaultPlan,
} from '../../../src/sim/index.ts';
import { gossipSimulation } from './scenarios.ts';

const nodes = ['A', 'B', 'C'];

/** Windows where some fault is open, from a generated plan (each fault is closed by its partner). */
function windows(plan: FaultPlan): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < plan.length; i++) {
    const fault = plan[i] as Fault;
    if (fault.kind === 'loss-burst' || fault.kind === 'latency-spike') out.push({ start: fault.at, end: fault.at + fault.durationMs });
    else if (['crash', 'pause', 'partition', 'partition-one-way'].includes(fault.kind) || (fault.kind === 'clock-skew' && fault.skewMs !== 0)) {
      out.push({ start: fault.at, end: (plan[i + 1] as Fault).at });
    }
  }
  return out;
}

describe('generateFaultPlan', () => {
  const options = { nodes, startMs: 100, durationMs: 5000, minFaultMs: 100, minStableMs: 200 };

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateFaultPlan(9, options)).toEqual(generateFaultPlan(9, options));
    expect(generateFaultPlan(9, options)).not.toEqual(generateFaultPlan(10, options));
  });

  it('keeps minimum fault and stable durations, one fault at a time, all within the chaos window', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const plan = generateFaultPlan(seed, { ...options, kinds: ['crash', 'pause', 'partition', 'partition-one-way', 'loss-burst', 'latency-spike', 'clock-skew'] });
        validateFaultPlan(plan, nodes);
        const open = windows(plan);
        expect(open.length).toBeGreaterThan(0);
        let stableFrom = 100;
        for (const { start, end } of open) {
          expect(end - start).toBeGreaterThanOrEqual(100);
          expect(start - stableFrom).toBeGreaterThanOrEqual(200);
          stableFrom = end;
        }
        expect(stableFrom).toBeLessThanOrEqual(5100);
      }),
      { numRuns: 50 },
    );
  });

  it('prints as readable lines', () => {
    const plan: Fault[] = [
      { at: 1500, kind: 'heal' },
      { at: 1200, kind: 'partition', groups: [['A', 'B'], ['C']] },
      { at: 100, kind: 'crash', node: 'B' },
      { at: 300, kind: 'loss-burst', rate: 0.3, durationMs: 200 },
      { at: 400, kind: 'partition-one-way', from: ['A'], to: ['C'] },
      { at: 500, kind: 'clock-skew', node: 'A', skewMs: -20 },
      { at: 600, kind: 'latency-spike', extraMs: 50, durationMs: 100 },
    ];
    expect(formatFaultPlan(plan)).toEqual([
      't=100ms   crash B',
      't=300ms   loss burst 30% for 200ms',
      't=400ms   partition one-way {A} ↛ {C}',
      't=500ms   clock skew A -20ms',
      't=600ms   latency spike +50ms for 100ms',
      't=1200ms  partition {A, B} | {C}',
      't=1500ms  heal',
    ]);
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateFaultPlan(1, { ...options, minFaultMs: 0 })).toThrow(/minFaultMs must be a positive integer \(ms\), got 0/);
    expect(() => generateFaultPlan(1, { ...options, nodes: ['A'], kinds: ['partition'] })).toThrow(/at least two nodes for partition/);
    expect(() => generateFaultPlan(1, { ...options, kinds: ['heal' as never] })).toThrow(/generateFaultPlan: kinds must each be one of crash, pause, .*, got "heal"/);
  });
});

describe('withFinalHeal', () => {
  it('closes whatever a hand-written plan left open', () => {
    const plan: Fault[] = [
      { at: 10, kind: 'crash', node: 'A' },
      { at: 20, kind: 'pause', node: 'B' },
      { at: 30, kind: 'partition', groups: [['A'], ['B', 'C']] },
      { at: 40, kind: 'clock-skew', node: 'C', skewMs: 5 },
    ];
    expect(withFinalHeal(plan, { atMs: 100, nodes }).slice(4)).toEqual([
      { at: 100, kind: 'heal' },
      { at: 100, kind: 'restart', node: 'A' },
      { at: 100, kind: 'resume', node: 'B' },
      { at: 100, kind: 'clock-skew', node: 'C', skewMs: 0 },
    ]);
    expect(() => withFinalHeal(plan, { atMs: 35, nodes })).toThrow(/must not come before the plan's last fault \(t=40ms\)/);
  });

  it('leaves every node up and the network whole after the settle window', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const sim = gossipSimulation(seed);
        const chaos = generateFaultPlan(seed, { nodes: sim.nodes, durationMs: 800, minFaultMs: 50, minStableMs: 50 });
        sim.applyFaultPlan(withFinalHeal(chaos.slice(0, -1), { atMs: 900, nodes: sim.nodes }));
        sim.run({ untilMs: 1000 });
        for (const a of sim.nodes) {
          expect(sim.isUp(a)).toBe(true);
          for (const b of sim.nodes) expect(sim.isBlocked(a, b)).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('applying fault plans', () => {
  it('checks a plan before anything runs, naming the entry and field', () => {
    const sim = gossipSimulation(1);
    const bad = (plan: unknown): (() => void) => () => sim.applyFaultPlan(plan as Fault[]);
    expect(bad([{ at: 5, kind: 'crash', node: 'n9' }])).toThrow(/faultPlan\[0\].node is not a node of this simulation, got "n9"/);
    expect(bad([{ at: 5, kind: 'heal' }, { at: -1, kind: 'heal' }])).toThrow(/faultPlan\[1\].at must be a non-negative integer \(ms\), got -1/);
    expect(bad([{ at: 5, kind: 'explode' }])).toThrow(/faultPlan\[0\].kind must be one of/);
    expect(bad([{ at: 5, kind: 'loss-burst', rate: 2, durationMs: 10 }])).toThrow(/faultPlan\[0\].rate must be a probability in \[0, 1\], got 2/);
    expect(bad([{ at: 5, kind: 'partition', groups: [['n1'], ['x']] }])).toThrow(/faultPlan\[0\].groups names an unknown node or client, got "x"/);
    sim.run({ untilMs: 10 });
    expect(bad([{ at: 5, kind: 'heal' }])).toThrow(/faultPlan\[0\].at is in the past \(now is 10ms\), got 5/);
  });

  it('applies loss bursts and latency spikes for their duration only', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.network.setDefault({ latency: { kind: 'constant', ms: 10 } });
    sim.addNode('A', { onStart: (ctx) => ctx.setTimer(0, 'tick'), onTimer: (ctx) => { ctx.send('B', ctx.now); ctx.setTimer(10, 'tick'); } });
    sim.addNode('B', {});
    sim.applyFaultPlan([
      { at: 100, kind: 'loss-burst', rate: 1, durationMs: 50 },
      { at: 200, kind: 'latency-spike', extraMs: 30, durationMs: 50 },
    ]);
    sim.run({ untilMs: 400 });
    const events = sim.trace.events();
    const lostAt = events.filter((e) => e.kind === 'drop').map((e) => e.sentAt);
    expect(lostAt).toEqual([100, 110, 120, 130, 140]);
    const slow = events.filter((e) => e.kind === 'deliver' && e.time - (e.sentAt as number) === 40).map((e) => e.sentAt);
    expect(slow).toEqual([200, 210, 220, 230, 240]);
  });

  it('removing one fault does not shift later random draws on untouched links', () => {
    // Latencies on n1 → n2 must be the same whether or not a loss burst hits n3's links earlier.
    const latencies = (faults: Fault[]): number[] => {
      const sim = new Simulation({ seed: 77, trace: true });
      sim.network.setDefault({ latency: { kind: 'exponential', meanMs: 10 }, order: 'reorder' });
      const ticker = { onStart: (ctx: { setTimer(d: number, n: string): number }) => void ctx.setTimer(5, 't'), onTimer: (ctx: { send(to: string, m: unknown): void; setTimer(d: number, n: string): number; id: string }) => { ctx.send(ctx.id === 'n1' ? 'n2' : 'n1', 0); ctx.setTimer(5, 't'); } };
      for (const id of ['n1', 'n2', 'n3']) sim.addNode(id, ticker);
      sim.applyFaultPlan(faults);
      sim.run({ untilMs: 500 });
      return sim.trace.events().filter((e) => e.kind === 'deliver' && e.from === 'n1' && (e.sentAt as number) > 300).map((e) => e.time - (e.sentAt as number));
    };
    const withBurst = latencies([{ at: 50, kind: 'loss-burst', rate: 0.9, durationMs: 100 }, { at: 60, kind: 'crash', node: 'n3' }]);
    expect(withBurst.length).toBeGreaterThan(10);
    expect(latencies([{ at: 60, kind: 'crash', node: 'n3' }])).toEqual(withBurst);
  });
});
