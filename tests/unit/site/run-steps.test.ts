import { describe, expect, it } from 'vitest';
import type { RecordedRun, RunEvent } from '../../../src/runner/contract.ts';
import { describeStep, runSteps, shrinkSentence, startingStep, stateCell, stepCaption } from '../../../src/site/run-view/run-steps.ts';
import { traceEventOf } from '../../../src/site/run-view/recorded-run-events.ts';

const event = (fields: Partial<RunEvent> & Pick<RunEvent, 'id' | 'kind' | 'summary'>): RunEvent => ({ time: fields.id * 10, cause: null, ...fields });

const events: RunEvent[] = [
  event({ id: 0, kind: 'invoke', node: 'c1', to: 'A', summary: 'invoke op 1 write 3 on A', request: { id: 1, client: 'c1', f: 'write', input: 3 } }),
  event({ id: 1, kind: 'request', node: 'A', from: 'c1', to: 'A', sentAt: 0, summary: 'op 1 write 3', request: { id: 1, client: 'c1', f: 'write', input: 3 } }),
  event({ id: 2, kind: 'deliver', node: 'B', from: 'A', to: 'B', sentAt: 10, summary: 'store v=3' }),
  event({ id: 3, kind: 'drop', node: 'C', from: 'A', to: 'C', sentAt: 10, summary: 'store v=3', reason: 'partition' }),
  event({ id: 4, kind: 'crash', node: 'B', summary: 'crashed' }),
  event({ id: 5, kind: 'reply', node: 'c1', from: 'A', to: 'c1', sentAt: 40, summary: 'op 1 ok', reply: { op: 1, ok: true } }),
];
const run: RecordedRun = { version: 2, seed: 7, fromMs: 0, toMs: 50, events, highlight: [0, 1, 5], totalEvents: 99 };

describe('run steps', () => {
  it('tell each event in a sentence that names who did what to whom', () => {
    expect(events.map(describeStep)).toEqual([
      'c1 starts an operation: op 1 write 3 on A.',
      'A receives the request “op 1 write 3” from c1 (sent at 0 ms).',
      'B receives “store v=3” from A (sent at 10 ms).',
      '“store v=3” from A to C is dropped: partition (sent at 10 ms).',
      'B: crashed.',
      'c1 receives the reply “op 1 ok” from A (sent at 40 ms).',
    ]);
  });

  it('start at the last event of the failure and say which steps are part of it', () => {
    const steps = runSteps(run);
    expect(steps.map((step) => step.highlighted)).toEqual([true, true, false, false, false, true]);
    expect(startingStep(run, steps)).toBe(5);
    expect(stepCaption(steps, 2)).toBe('Step 3 of 6, at 20 ms: B receives “store v=3” from A (sent at 10 ms).');
    expect(stepCaption(steps, 5)).toBe('Step 6 of 6, at 50 ms (part of the failure): c1 receives the reply “op 1 ok” from A (sent at 40 ms).');
    expect(startingStep({ ...run, highlight: [] }, steps)).toBe(5);
    expect(stepCaption([], 0)).toBe('This run has no events to step through.');
  });

  it('come back as the trace events the figures draw', () => {
    expect(traceEventOf(events[0]!).data).toEqual({ id: 1, client: 'c1', f: 'write', input: 3 });
    expect(traceEventOf(events[5]!).data).toEqual({ op: 1, ok: true });
    expect(traceEventOf(event({ id: 9, kind: 'loss-burst', summary: 'loss burst', durationMs: 30 })).data).toEqual({ durationMs: 30 });
    expect('data' in traceEventOf(events[4]!)).toBe(false);
  });

  it('say what the node holds after a step, when the run recorded it', () => {
    const withState: RecordedRun = { ...run, events: events.map((e) => (e.id === 2 ? { ...e, state: { v: 3, log: ['a', 'b'] } } : e)) };
    const steps = runSteps(withState);
    expect(steps[2]!.state).toBe('{"v":3,"log":["a","b"]}');
    expect(steps.filter((step) => step.state !== undefined)).toHaveLength(1);
    expect(stepCaption(steps, 2)).toBe('Step 3 of 6, at 20 ms: B receives “store v=3” from A (sent at 10 ms). B now holds {"v":3,"log":["a","b"]}.');
    expect(stateCell(steps[2]!)).toBe('B {"v":3,"log":["a","b"]}');
    expect(stateCell(steps[1]!)).toBe('');
    expect(stateCell({ ...steps[2]!, lane: undefined })).toBe('{"v":3,"log":["a","b"]}');
    const long = runSteps({ ...run, events: [{ ...events[2]!, state: 'x'.repeat(500) }] });
    expect(long[0]!.state).toHaveLength(200);
    expect(long[0]!.state!.endsWith('…')).toBe(true);
  });

  it('say how the run was shrunk, or nothing when it was not', () => {
    expect(shrinkSentence(run)).toBeNull();
    expect(shrinkSentence({ ...run, shrunk: { fromEvents: 1103, tries: 5, steps: [{ name: 'clients', from: 3, to: 1 }, { name: 'increments per client', from: 100, to: 2 }] } })).toBe(
      'Shrunk before it was drawn: the test failed on a run of 1103 events; the smallest run found that still fails it has 99 (clients 3 → 1, increments per client 100 → 2).',
    );
    expect(shrinkSentence({ ...run, shrunk: { fromEvents: 99, tries: 4, steps: [] } })).toBe('None of the 4 smaller runs tried failed this test, so this is the run as graded (99 events).');
  });
});
