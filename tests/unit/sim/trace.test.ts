import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation, formatTraceLines, generateFaultPlan, type TraceEvent } from '../../../src/sim/index.ts';
import { gossipSimulation } from './scenarios.ts';

/** A asks B, B forwards to C, C answers A; a partition cuts C off later. */
function relay(): Simulation {
  const sim = new Simulation({ seed: 3, trace: true });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 10 } });
  sim.addNode('A', { onStart: (ctx) => ctx.send('B', { type: 'put', key: 'x', value: 1 }) });
  sim.addNode('B', { onMessage: (ctx, _from, message) => ctx.send('C', message) });
  sim.addNode('C', { onMessage: (ctx) => ctx.send('A', { type: 'ack' }) });
  sim.at(25, 'isolate C', () => sim.partition([['A', 'B'], ['C']]));
  sim.at(100, 'crash B', () => sim.crash('B'));
  return sim;
}

describe('trace', () => {
  it('formats events as short learner-readable lines', () => {
    const sim = relay();
    sim.run();
    expect(formatTraceLines(sim.trace.events())).toEqual([
      't=0ms    A started',
      't=0ms    B started',
      't=0ms    C started',
      't=10ms   A → B  put key=x value=1',
      't=20ms   B → C  put key=x value=1',
      't=25ms   action: isolate C',
      't=25ms   partition {A, B} | {C}',
      't=30ms   C → A  ack  dropped: partition',
      't=100ms  action: crash B',
      't=100ms  B crashed',
    ]);
  });

  it('links every event to its cause, and cuts the cause chain and causal slice', () => {
    const sim = relay();
    sim.run();
    const events = sim.trace.events();
    const drop = events.find((e) => e.kind === 'drop') as TraceEvent;
    expect(sim.trace.causeChain(drop.id).map((e) => `${e.kind}@${e.node}`)).toEqual(['start@A', 'deliver@B', 'deliver@C', 'drop@A']);
    // The slice adds what each node did before (program order): B's and C's starts, but not the partition.
    expect(sim.trace.causalSlice(drop.id).map((e) => `${e.kind}@${e.node ?? '-'}`)).toEqual([
      'start@A', 'start@B', 'start@C', 'deliver@B', 'deliver@C', 'drop@A',
    ]);
    expect(events.filter((e) => e.kind === 'crash')[0]?.cause).toBe(events.find((e) => e.summary === 'action: crash B')?.id);
  });

  it('exports structured JSON for diagrams', () => {
    const sim = relay();
    sim.run();
    const json = JSON.parse(JSON.stringify(sim.trace.toJSON())) as { events: TraceEvent[] };
    expect(json.events[3]).toEqual({
      id: 3, time: 10, kind: 'deliver', node: 'B', from: 'A', to: 'B', sentAt: 0,
      data: { type: 'put', key: 'x', value: 1 }, summary: 'put key=x value=1', cause: 0,
    });
    expect(() => sim.trace.get(99)).toThrow(/no event with id 99 \(the trace has 10\)/);
  });

  it('keeps every event of a long run intact as its storage grows past the first chunk and into the next', () => {
    // A ping-pong of 70 000 deliveries: the first chunk doubles from 1 024 to 65 536 events, then a second begins.
    const sim = new Simulation({ seed: 5, trace: true });
    sim.network.setDefault({ latency: { kind: 'constant', ms: 1 } });
    const bounce = (to: string) => ({
      onMessage: (ctx: { send(to: string, message: unknown): void }, _from: string, message: unknown) => {
        const { n } = message as { n: number };
        if (n < 70_000) ctx.send(to, { n: n + 1 });
      },
    });
    sim.addNode('A', { ...bounce('B'), onStart: (ctx) => ctx.send('B', { n: 1 }) });
    sim.addNode('B', bounce('A'));
    sim.run();
    expect(sim.trace.size).toBe(70_002);
    const deliveries = sim.trace.events().filter((event) => event.kind === 'deliver');
    expect(deliveries).toHaveLength(70_000);
    for (const [index, event] of deliveries.entries()) {
      expect((event.data as { n: number }).n).toBe(index + 1);
      expect(event.time).toBe(index + 1);
      expect(event.sentAt).toBe(index);
      expect(event.to).toBe(index % 2 === 0 ? 'B' : 'A');
      expect(event.cause).toBe(index === 0 ? 0 : event.id - 1);
    }
  });

  it('uses describeMessage for summaries when given', () => {
    const sim = new Simulation({ seed: 1, trace: true, describeMessage: (m) => `put x=${(m as { value: number }).value}` });
    sim.addNode('A', { onStart: (ctx) => ctx.send('B', { value: 1 }) });
    sim.addNode('B', {});
    sim.run();
    expect(formatTraceLines(sim.trace.events()).at(-1)).toBe('t=1ms  A → B  put x=1');
  });

  it('records nothing when off, but fingerprints the same run identically', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const plan = generateFaultPlan(seed, { nodes: ['n1', 'n2', 'n3', 'n4'], durationMs: 500, minFaultMs: 30, minStableMs: 30 });
        const off = gossipSimulation(seed, { faults: plan });
        const on = gossipSimulation(seed, { faults: plan, trace: true });
        off.run({ untilMs: 600 });
        on.run({ untilMs: 600 });
        expect(off.trace.size).toBe(0);
        expect(on.trace.size).toBeGreaterThan(0);
        expect(off.fingerprint()).toBe(on.fingerprint());
      }),
      { numRuns: 20 },
    );
  });
});
