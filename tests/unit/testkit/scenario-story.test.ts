import { describe, expect, it } from 'vitest';
import type { NodeBehaviour } from '../../../src/sim/index.ts';
import { runScenario } from '../../../src/testkit/scenario.ts';
import { storyLines } from '../../../src/testkit/scenario-story.ts';
import { MAX_TRACE_LINES } from '../../../src/testkit/checkers/result.ts';

/** A forwards every request to B and replies once B acknowledges; B is chatty with heartbeats. */
const forwarder = (node: string) => (): NodeBehaviour => {
  const waiting = new Map<number, import('../../../src/sim/index.ts').ClientRequest>();
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
      if (m.type === 'ack') ctx.reply(waiting.get(m.op)!, 'done');
    },
  };
};

function run() {
  return runScenario(
    {
      cluster: { nodes: ['A', 'B'], program: forwarder, link: { latency: { kind: 'constant', ms: 2 } } },
      faults: [{ at: 100, kind: 'partition', groups: [['A'], ['B']] }],
      healAtMs: 200,
      workload: { clients: [{ id: 'c1', node: 'A' }], timeoutMs: 30, startMs: 10, stopMs: 150, thinkMs: 7, next: () => ({ f: 'put', input: 1 }) },
      settleMs: 20,
    },
    1,
  );
}

describe('storyLines', () => {
  it("tells one operation's story: its invocation, the messages that answered it and the faults before it", () => {
    const scenario = run();
    const acknowledged = scenario.history.find((op) => op.outcome === 'ok' && op.invokedAt > 50)!;
    const lines = storyLines(scenario.sim, [acknowledged]);
    const at = acknowledged.invokedAt;
    expect(lines).toEqual([
      `t=${at}ms  c1  invoke op ${acknowledged.id} put 1 on A`,
      `t=${at + 2}ms  c1 → A  op ${acknowledged.id} put 1`,
      `t=${at + 4}ms  A → B  forward op=${acknowledged.id}`,
      `t=${at + 6}ms  B → A  ack op=${acknowledged.id}`,
      `t=${at + 8}ms  A → c1  op ${acknowledged.id} ok: "done"`,
    ]);
  });

  it('shows the partition before an operation that timed out because of it', () => {
    const scenario = run();
    const lost = scenario.history.find((op) => op.outcome === 'unknown')!;
    const lines = storyLines(scenario.sim, [lost]);
    expect(lines[0]).toBe('t=100ms  partition {A} | {B}');
    expect(lines.some((line) => line.includes('dropped: partition'))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`c1  op ${lost.id} put 1  timed out: unknown$`));
  });

  it(`never tells more than ${MAX_TRACE_LINES} lines, keeping the events nearest the failure`, () => {
    const scenario = run();
    const many = scenario.history.filter((op) => op.outcome === 'ok');
    expect(many.length).toBeGreaterThan(5);
    const lines = storyLines(scenario.sim, many);
    expect(lines).toHaveLength(MAX_TRACE_LINES);
    const last = many.at(-1)!;
    expect(lines.at(-1)).toContain(`op ${last.id} ok`);
  });
});
