import { describe, expect, it } from 'vitest';
import { forwarderRun } from './forwarder-scenario.ts';
import { storyLines } from '../../../src/testkit/scenario-story.ts';
import { MAX_TRACE_LINES } from '../../../src/testkit/checkers/result.ts';

const run = () => forwarderRun();

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
