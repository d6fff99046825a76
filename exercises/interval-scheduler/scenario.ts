/**
 * A schedule-driven job, for lesson 10: a scheduler node wakes up every few milliseconds (its loop is not
 * perfectly regular: 5–9 ms between wake-ups) and asks the learner's scheduler whether to start a run now;
 * a run takes 20–60 ms, and some runs take much longer. The scenario records when each run started and
 * ended, so tests can judge overlap (a run starting while another is running) and drift (runs sliding away
 * from the schedule `startMs + k × periodMs`).
 */
import { Simulation } from '../../src/sim/index.ts';
import type { NodeBehaviour } from '../../src/sim/index.ts';

/** What the scheduler node asks (the learner's `IntervalScheduler`). */
export interface SchedulerLogic {
  shouldStart(now: number): unknown;
  finished(now: number): unknown;
}

export interface ScheduledRunsOptions {
  readonly scheduler: (periodMs: number, startMs: number) => SchedulerLogic;
  readonly periodMs: number;
  readonly startMs: number;
  /** Run numbers (1-based) that take `longMs` instead of 20–60 ms. */
  readonly long?: readonly number[];
  readonly longMs?: number;
  readonly runMs: number;
}

export interface ScheduledRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly runs: readonly { readonly start: number; readonly end: number | null }[];
  readonly periodMs: number;
  readonly startMs: number;
}

export const SCHEDULER = 'cron';

export function scheduledRuns(options: ScheduledRunsOptions, seed: number): ScheduledRun {
  const sim = new Simulation({ seed, trace: true });
  const runs: { start: number; end: number | null }[] = [];
  sim.addNode(SCHEDULER, (): NodeBehaviour => {
    let scheduler: SchedulerLogic;
    return {
      onStart(ctx) {
        scheduler = options.scheduler(options.periodMs, options.startMs);
        ctx.setTimer(ctx.rng.int(5, 9), 'wake');
      },
      onTimer(ctx, name, payload) {
        if (name === 'done') {
          runs[payload as number]!.end = ctx.now;
          scheduler.finished(ctx.now);
          return;
        }
        if (scheduler.shouldStart(ctx.now) === true) {
          runs.push({ start: ctx.now, end: null });
          const long = options.long?.includes(runs.length) ?? false;
          ctx.setTimer(long ? (options.longMs ?? 350) : ctx.rng.int(20, 60), 'done', runs.length - 1);
        }
        ctx.setTimer(ctx.rng.int(5, 9), 'wake');
      },
    };
  });
  sim.run({ untilMs: options.runMs });
  return { seed, sim, runs, periodMs: options.periodMs, startMs: options.startMs };
}

/** The slots `startMs + k × periodMs` before `untilMs`. */
export function slots(run: ScheduledRun, untilMs: number): number[] {
  const out: number[] = [];
  for (let t = run.startMs; t < untilMs; t += run.periodMs) out.push(t);
  return out;
}
