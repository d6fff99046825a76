import { describe, expect, it } from 'vitest';
import { recordedRun } from '../../../src/runner/contract.ts';
import { buildSpaceTimeModel } from '../../../src/figures/space-time-model.ts';
import { spaceTimeDiagram } from '../../../src/figures/space-time.ts';
import { traceEventsOf } from '../../../src/site/run-view/recorded-run-events.ts';
import { runSteps, shrinkSentence, startingStep } from '../../../src/site/run-view/run-steps.ts';
import { warmUpRun } from '../../../src/site/run-view/warm-up.ts';

describe('the run view’s warm-up run', () => {
  it('is a valid recorded run under the results contract, of the version the page draws', () => {
    expect(recordedRun.safeParse(warmUpRun).error).toBeUndefined();
    expect(recordedRun.parse(warmUpRun)).toEqual(warmUpRun);
  });

  // The warm-up is worth what it makes the renderer go through: one of each thing a learner's run draws.
  it('has one of each thing a run view draws, so the warm-up runs the code a real run takes', () => {
    const events = traceEventsOf(warmUpRun);
    const model = buildSpaceTimeModel(events, { fromMs: warmUpRun.fromMs, highlight: warmUpRun.highlight, eventIds: true });
    expect(model.lanes.map((lane) => lane.kind)).toEqual(['client', 'node', 'node', 'node']);
    expect(model.drawn.some((message) => message.client)).toBe(true);
    expect(model.drawn.some((message) => !message.client && message.dropped === undefined)).toBe(true);
    expect(model.drawn.some((message) => message.dropped !== undefined)).toBe(true);
    expect(model.drawnOperations.map((bar) => bar.operation.outcome)).toEqual(['ok', 'ok']);
    expect(model.bands.map((band) => band.kind)).toEqual(['partition']);
    expect(model.marks.map((mark) => mark.kind)).toEqual(['crash', 'restart']);
    expect(model.down).toHaveLength(1);

    const steps = runSteps(warmUpRun);
    expect(steps.some((step) => step.state !== undefined)).toBe(true);
    expect(steps.filter((step) => step.highlighted)).toHaveLength(warmUpRun.highlight.length);
    expect(startingStep(warmUpRun, steps)).toBe(10);
    expect(shrinkSentence(warmUpRun)).not.toBeNull();
    expect(spaceTimeDiagram(events, { fromMs: warmUpRun.fromMs, highlight: warmUpRun.highlight, eventIds: true, width: 480 }).svg).toContain('data-events=');
  });
});
