import { describe, expect, it } from 'vitest';
import { scheduledRuns, slots, type SchedulerLogic } from '../../../../exercises/interval-scheduler/scenario.ts';

/** Starts on every slot, ignoring whether a run is going: enough to see the scenario's timing. */
const everySlot = (periodMs: number, startMs: number): SchedulerLogic => {
  let next = startMs;
  return {
    shouldStart(now) {
      if (now < next) return false;
      while (next <= now) next += periodMs;
      return true;
    },
    finished: () => undefined,
  };
};
const options = { scheduler: everySlot, periodMs: 100, startMs: 50, long: [3], longMs: 350, runMs: 1_000 };

describe('a scheduler loop with runs of varying length', () => {
  it('wakes every 5–9 ms, so runs start less than 10 ms after their slot', () => {
    const run = scheduledRuns(options, 1);
    expect(run.runs).toHaveLength(slots(run, 1_000).length);
    for (const r of run.runs) expect((r.start - 50) % 100).toBeLessThan(10);
  });

  it('records each run’s own end, so a long run overlapping the next one is visible', () => {
    const run = scheduledRuns(options, 2);
    const third = run.runs[2]!;
    expect(third.end! - third.start).toBe(350);
    expect(run.runs[3]!.start).toBeLessThan(third.end!);
  });

  it('is deterministic', () => {
    expect(scheduledRuns(options, 3).sim.fingerprint()).toBe(scheduledRuns(options, 3).sim.fingerprint());
  });
});
