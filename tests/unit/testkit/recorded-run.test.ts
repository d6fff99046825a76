import { describe, expect, it } from 'vitest';
import { TRACE_KINDS } from '../../../src/sim/trace.ts';
import { recordedRun, runEventKinds } from '../../../src/runner/contract.ts';
import { forwarderRun } from './forwarder-scenario.ts';
import { storyEvents } from '../../../src/testkit/scenario-story.ts';
import { recordRun, recordedRunFor, recordedRunLimits, runValue } from '../../../src/testkit/recorded-run.ts';
import { formatTraceLine } from '../../../src/sim/index.ts';
import { checkSeeds } from '../../../src/testkit/scenario-seeds.ts';
import { runInTestContext } from '../../../src/testkit/context.ts';
import { isPropertyViolation } from '../../../src/testkit/violation.ts';

const reply = { stored: 'x'.repeat(500), list: Array.from({ length: 20 }, (_, i) => i) };
const run = (seed = 1, stopMs = 400) => forwarderRun({ seed, stopMs, reply });

describe('recordRun', () => {
  it('keeps the window of the story, its events highlighted, and the fault before it', () => {
    const scenario = run();
    const lost = scenario.history.find((op) => op.outcome === 'unknown')!;
    const story = storyEvents(scenario.sim, [lost]);
    const recorded = recordRun(scenario.sim, 1, story);
    expect(recordedRun.safeParse(recorded).success).toBe(true);
    expect(recorded.highlight).toEqual(story.map((event) => event.id));
    expect(recorded.fromMs).toBe(story[0]!.time);
    const ids = recorded.events.map((event) => event.id);
    for (const id of recorded.highlight) expect(ids).toContain(id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(recorded.events.some((event) => event.kind === 'partition')).toBe(true);
    expect(recorded.totalEvents).toBe(scenario.sim.trace.events().length);
    expect(recorded.events.length).toBeLessThan(recorded.totalEvents);
    const invoke = recorded.events.find((event) => event.kind === 'invoke' && event.request?.id === lost.id);
    expect(invoke?.request).toMatchObject({ id: lost.id, client: 'c1', f: 'put', input: 1 });
  });

  it('holds at most its limit of events, keeping those nearest the violation', () => {
    const scenario = run(1, 2000);
    const events = scenario.sim.trace.events();
    expect(events.length).toBeGreaterThan(recordedRunLimits.events);
    const story = [events[1]!, events[events.length - 1]!];
    const recorded = recordRun(scenario.sim, 1, story);
    expect(recorded.events).toHaveLength(recordedRunLimits.events);
    expect(recorded.events.at(-1)!.id).toBe(events.at(-1)!.id);
    expect(recorded.events.map((event) => event.id)).toContain(events[1]!.id);
  });

  it('without a story, keeps the last events of the run', () => {
    const scenario = run();
    const events = scenario.sim.trace.events();
    const recorded = recordRun(scenario.sim, 3, []);
    expect(recorded.seed).toBe(3);
    expect(recorded.events.at(-1)!.id).toBe(events.at(-1)!.id);
    expect(recorded.fromMs).toBe(recorded.events[0]!.time);
    expect(recorded.highlight).toEqual([]);
  });

  it('copies replies into bounded JSON', () => {
    const scenario = run();
    const reply = recordRun(scenario.sim, 1, scenario.sim.trace.events()).events.find((event) => event.reply?.ok === true)!;
    const output = reply.reply!.output as { stored: string; list: unknown[] };
    expect(output.stored.length).toBe(recordedRunLimits.textChars);
    expect(output.list).toEqual([0, 1, 2, 3, 4, 5, 6, 7, '… 12 more']);
  });
});

describe('runValue', () => {
  it('turns what JSON cannot hold into text and cuts deep or wide values', () => {
    expect(runValue(Number.NaN)).toBe('NaN');
    expect(runValue(10n)).toBe('10n');
    expect(runValue(undefined)).toBeNull();
    expect(runValue({ a: { b: { c: { d: 1 } } } })).toEqual({ a: { b: { c: '…' } } });
    const wide = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(runValue(wide) as object)).toHaveLength(recordedRunLimits.items + 1);
    expect(recordedRun.shape.events.element.shape.request.unwrap().shape.input.unwrap().safeParse(runValue(wide)).success).toBe(true);
  });
});

describe('a failed simulation check', () => {
  it('throws a violation that carries the run it failed on', () => {
    const { outcome } = runInTestContext(() =>
      checkSeeds([5], run, (scenario) => {
        const lost = scenario.history.find((op) => op.outcome === 'unknown');
        return lost === undefined ? { ok: true } : { ok: false, property: 'Every put is acknowledged.', details: [], culprits: [lost] };
      }),
    );
    expect(outcome.threw).toBe(true);
    const error = outcome.threw ? outcome.error : undefined;
    expect(isPropertyViolation(error)).toBe(true);
    if (!isPropertyViolation(error)) return;
    expect(error.run?.seed).toBe(5);
    expect(error.run?.highlight.length).toBeGreaterThan(0);
    expect(error.run?.highlight).toHaveLength(error.trace.length);
  });

  it("shows each node's state after its steps, from the same run built once more", () => {
    const lostPut = (scenario: ReturnType<typeof run>) => {
      const lost = scenario.history.find((op) => op.outcome === 'unknown');
      return lost === undefined ? { ok: true as const } : { ok: false as const, property: 'Every put is acknowledged.', details: [], culprits: [lost] };
    };
    const { outcome } = runInTestContext(() => checkSeeds([5], run, lostPut));
    const error = outcome.threw ? outcome.error : undefined;
    if (!isPropertyViolation(error)) throw new Error('the check should have failed');
    const requests = error.run!.events.filter((event) => event.kind === 'request');
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect((request.state as { waiting: number[] }).waiting).toContain(request.request!.id);
    // Client events happen at no node: they have no state.
    expect(error.run!.events.filter((event) => event.kind === 'invoke').every((event) => event.state === undefined)).toBe(true);

    // A build that gives a different run the third time: no state is shown rather than another run's.
    let builds = 0;
    const drifting = (seed: number) => (++builds <= 2 ? run(seed) : run(seed, 300));
    const again = runInTestContext(() => checkSeeds([5], drifting, lostPut));
    const drifted = again.outcome.threw ? again.outcome.error : undefined;
    if (!isPropertyViolation(drifted)) throw new Error('the check should have failed');
    expect(builds).toBe(3);
    expect(drifted.run!.events.some((event) => event.state !== undefined)).toBe(false);
  });
});

describe('a property judged at the end of the run', () => {
  it('is drawn from its story on, with what followed it rather than the last events', () => {
    const scenario = run(1, 2000);
    const events = scenario.sim.trace.events();
    const story = [events.find((event) => event.kind === 'invoke')!];
    const recorded = recordRun(scenario.sim, 1, story, { judgedAtEnd: true });
    expect(recorded.events).toHaveLength(recordedRunLimits.events);
    expect(recorded.events[0]!.id).toBeLessThanOrEqual(story[0]!.id);
    const ids = recorded.events.map((event) => event.id);
    const after = events.filter((event) => event.id > story[0]!.id && event.time >= story[0]!.time).slice(0, 5).map((event) => event.id);
    for (const id of after) expect(ids).toContain(id);
    expect(ids).not.toContain(events.at(-1)!.id);
    expect(recorded.toMs).toBe(recorded.events.at(-1)!.time);
  });
});

describe('recordedRunFor', () => {
  it("finds the run of the violation's seed whose events its trace lines tell, and draws around them", () => {
    const { seeds } = runInTestContext(() => {
      checkSeeds([2, 3], run, () => ({ ok: true }));
    });
    const scenario = run(3);
    const lost = scenario.history.find((op) => op.outcome === 'unknown')!;
    const lines = storyEvents(scenario.sim, [lost]).map((event) => formatTraceLine(event, 6));
    const found = recordedRunFor(seeds, 3, [`seed 3, settings that say nothing:`, ...lines]);
    expect(found?.seed).toBe(3);
    expect(found?.highlight).toEqual(storyEvents(scenario.sim, [lost]).map((event) => event.id));
  });

  it('draws nothing when no line tells an event of a run of that seed', () => {
    const { seeds } = runInTestContext(() => checkSeeds([2], run, () => ({ ok: true })));
    const lines = storyEvents(run(2).sim, [run(2).history[0]!]).map((event) => formatTraceLine(event));
    expect(recordedRunFor(seeds, 4, lines)).toBeUndefined();
    expect(recordedRunFor(seeds, 2, ['#3 put 1 → ok'])).toBeUndefined();
    expect(recordedRunFor(seeds, 2, [])).toBeUndefined();
    expect(recordedRunFor(seeds, 2, lines)?.seed).toBe(2);
  });
});

describe('the results contract', () => {
  it('knows every kind of event the simulation traces', () => {
    expect([...runEventKinds]).toEqual([...TRACE_KINDS]);
  });
});
