/**
 * A small scenario the testkit's story and run tests share: A forwards every request to B and replies once
 * B acknowledges with `reply`; B sends A a heartbeat every 5 ms; A and B are cut apart from 100 to 200 ms.
 */
import type { ClientRequest, NodeBehaviour } from '../../../src/sim/index.ts';
import { runScenario } from '../../../src/testkit/scenario.ts';

const forwarder = (reply: unknown) => (node: string) => (): NodeBehaviour => {
  const waiting = new Map<number, ClientRequest>();
  return {
    onStart: (ctx) => {
      if (node === 'B') ctx.setTimer(5, 'beat');
    },
    onTimer: (ctx) => {
      ctx.send('A', { type: 'heartbeat' });
      ctx.setTimer(5, 'beat');
    },
    onRequest: (ctx, request) => {
      waiting.set(request.id, request);
      ctx.send('B', { type: 'forward', op: request.id });
    },
    onMessage: (ctx, from, message) => {
      const m = message as { type: string; op: number };
      if (m.type === 'forward') ctx.send(from, { type: 'ack', op: m.op });
      if (m.type === 'ack') ctx.reply(waiting.get(m.op)!, reply);
    },
    state: () => ({ waiting: [...waiting.keys()] }),
  };
};

export function forwarderRun({ seed = 1, stopMs = 150, reply = 'done' as unknown } = {}) {
  return runScenario(
    {
      cluster: { nodes: ['A', 'B'], program: forwarder(reply), link: { latency: { kind: 'constant', ms: 2 } } },
      faults: [{ at: 100, kind: 'partition', groups: [['A'], ['B']] }],
      healAtMs: 200,
      workload: { clients: [{ id: 'c1', node: 'A' }], timeoutMs: 30, startMs: 10, stopMs, thinkMs: 7, next: () => ({ f: 'put', input: 1 }) },
      settleMs: 20,
    },
    seed,
  );
}
