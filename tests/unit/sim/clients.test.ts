import { describe, expect, it } from 'vitest';
import { Simulation, type ClientRequest, type NodeBehaviour } from '../../../src/sim/index.ts';

/** A register that answers reads and writes; refuses writes of negative numbers. */
function register(): NodeBehaviour {
  let value: unknown = null;
  return {
    onRequest(ctx, request: ClientRequest) {
      if (request.f === 'write' && typeof request.input === 'number' && request.input < 0) return ctx.fail(request, 'negative');
      if (request.f === 'write') value = request.input;
      ctx.reply(request, request.f === 'read' ? value : undefined);
    },
  };
}

function setup(): Simulation {
  const sim = new Simulation({ seed: 1, trace: true });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 5 } });
  sim.addNode('A', register);
  return sim;
}

describe('clients and history', () => {
  it('records ok, fail and unknown outcomes with their times', () => {
    const sim = setup();
    const client = sim.addClient('c1', { timeoutMs: 50 });
    client.invokeAt(0, { node: 'A', f: 'write', input: 1 });
    client.invokeAt(20, { node: 'A', f: 'write', input: -1 });
    client.invokeAt(40, { node: 'A', f: 'read', key: 'x' });
    sim.at(41, 'cut', () => sim.partition([['c1'], ['A']]));
    sim.run({ untilMs: 200 });
    expect(sim.history()).toEqual([
      { id: 1, client: 'c1', f: 'write', input: 1, invokedAt: 0, outcome: 'ok', output: undefined, completedAt: 10 },
      { id: 2, client: 'c1', f: 'write', input: -1, invokedAt: 20, outcome: 'fail', completedAt: 30, error: 'negative' },
      { id: 3, client: 'c1', f: 'read', key: 'x', input: undefined, invokedAt: 40, outcome: 'unknown', completedAt: 90, error: 'no reply within 50ms' },
    ]);
  });

  it('reports pending operations and ignores replies that come after the client gave up', () => {
    const sim = setup();
    const client = sim.addClient('c1', { timeoutMs: 50 });
    sim.network.setLink('A', 'c1', { latency: { kind: 'constant', ms: 100 } });
    client.invoke({ node: 'A', f: 'read' });
    sim.run({ untilMs: 30 });
    expect(sim.history()[0]?.outcome).toBe('pending');
    sim.run({ untilMs: 200 });
    expect(sim.history()[0]?.outcome).toBe('unknown');
    expect(sim.trace.events().find((e) => e.kind === 'drop')?.reason).toBe('c1 is not waiting for this reply');
  });

  it('allows one operation in flight per client', () => {
    const sim = setup();
    const client = sim.addClient('c1', { timeoutMs: 50 });
    client.invoke({ node: 'A', f: 'read' });
    expect(() => client.invoke({ node: 'A', f: 'read' })).toThrow(/client c1.invoke was called at t=0ms while op 1 is still in flight/);
    expect(() => sim.addClient('c2', { timeoutMs: 50 }).invoke({ node: 'c1', f: 'read' })).toThrow(/client c2.invoke: node is a client, not a node, got "c1"/);
  });

  it('drives a closed loop: the next operation starts only after the previous one completed', () => {
    const sim = setup();
    const client = sim.addClient('c1', { timeoutMs: 50 });
    let n = 0;
    client.closedLoop(() => (n < 3 ? { node: 'A', f: 'write', input: ++n } : null), { startMs: 5, thinkMs: 2 });
    sim.run({ untilMs: 500 });
    expect(sim.history().map((op) => [op.input, op.invokedAt, op.completedAt])).toEqual([
      [1, 5, 15],
      [2, 17, 27],
      [3, 29, 39],
    ]);
  });

  it('hands the closed loop the previous operation', () => {
    const sim = setup();
    const client = sim.addClient('c1', { timeoutMs: 50 });
    const seen: (string | undefined)[] = [];
    client.closedLoop((previous) => {
      seen.push(previous?.outcome);
      return seen.length < 3 ? { node: 'A', f: 'read' } : null;
    });
    sim.run({ untilMs: 500 });
    expect(seen).toEqual([undefined, 'ok', 'ok']);
  });

  it('needs an onRequest handler on the node a client talks to', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('B', {});
    sim.addClient('c1', { timeoutMs: 10 }).invoke({ node: 'B', f: 'read' });
    expect(() => sim.run()).toThrow(/node B: onRequest must be defined: client c1 sent it op 1 \(read\)/);
  });
});
