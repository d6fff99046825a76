import { defineTests, PropertyViolation, sharedRuns, show, test } from '../../src/testkit/index.ts';
import {
  BUDGET_BEATS,
  BUDGET_WINDOW_MS,
  DEADLINE_MS,
  DELAY_MS,
  PAUSES,
  busiestSecond,
  heartbeatRun,
  heartbeatStory,
  longestAliveSilence,
  type HeartbeatRun,
  type HeartbeatSettings,
} from './scenario.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3, 4, 5];
/** Each pause stretches one silence to at least the interval plus this (270 ms pause, 10 ms lead, 40 ms jitter). */
const PAUSE_STRETCH_MS = 200;
/** Settings outside these bounds are refused before any run: far past the budget, or far past the deadline. */
const MAX_INTERVAL_MS = 10_000;
const MAX_MISSED_BEATS = 1_000;

const isWholeIn = (value: unknown, min: number, max: number): value is number => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * The learner's settings as plain numbers, asked for once; or a sentence saying what is wrong with them. The
 * runs use this copy only, so nothing the learner's object does later can change what was judged.
 */
function readSettings(learner: Learner): HeartbeatSettings | string {
  let intervalMs: unknown;
  let missedBeats: unknown;
  try {
    const raw: unknown = learner.heartbeatSettings();
    if (typeof raw !== 'object' || raw === null) return `heartbeatSettings() must return an object { intervalMs, missedBeats }, but it returned ${show(raw)}.`;
    ({ intervalMs, missedBeats } = raw as Record<string, unknown>);
  } catch (error) {
    return `heartbeatSettings() threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isWholeIn(intervalMs, 1, MAX_INTERVAL_MS)) {
    return `heartbeatSettings().intervalMs must be a whole number of milliseconds from 1 to ${MAX_INTERVAL_MS}, but it is ${show(intervalMs)}.`;
  }
  if (!isWholeIn(missedBeats, 1, MAX_MISSED_BEATS)) {
    return `heartbeatSettings().missedBeats must be a whole number of beats from 1 to ${MAX_MISSED_BEATS}, but it is ${show(missedBeats)}.`;
  }
  return { intervalMs, missedBeats };
}

const describeSettings = ({ intervalMs, missedBeats }: HeartbeatSettings) =>
  `With a heartbeat every ${intervalMs} ms and ${missedBeats} missed ${missedBeats === 1 ? 'beat' : 'beats'} tolerated (${missedBeats * intervalMs} ms of silence)`;

/** A failure with the run's story up to `untilMs`, faults from `sinceMs` on. */
function violation(run: HeartbeatRun, property: string, untilMs: number, sinceMs = 0): PropertyViolation {
  return new PropertyViolation({ property, seed: run.seed, trace: heartbeatStory(run, untilMs, sinceMs) });
}

/** Throws unless the run really froze the active before the crash and stretched a silence by a pause: a run without them proves nothing about false fail-overs. */
function expectPausesHappened(run: HeartbeatRun): void {
  const { intervalMs } = run.settings;
  const before = run.pauses.filter((p) => p.resumeAtMs < run.crashAtMs);
  const silence = longestAliveSilence(run);
  if (before.length === PAUSES && silence.toMs - silence.fromMs >= intervalMs + PAUSE_STRETCH_MS) return;
  throw violation(
    run,
    `${describeSettings(run.settings)}, the run should freeze the active ${PAUSES} times before the crash at ${run.crashAtMs} ms and stretch a silence to at least ${intervalMs + PAUSE_STRETCH_MS} ms; it froze it ${before.length} times and the longest silence was ${silence.toMs - silence.fromMs} ms, so it cannot show that the standby rides out a pause.`,
    run.crashAtMs,
  );
}

export default defineTests<Learner>((learner) => {
  // Asked for inside the first test, so whatever the learner's function does happens while a test runs.
  let chosen: HeartbeatSettings | string | undefined;
  const settings = (): HeartbeatSettings => {
    chosen ??= readSettings(learner);
    if (typeof chosen === 'string') throw new Error(chosen);
    return chosen;
  };
  // The three tests judge the same runs of the learner's settings: each seed runs (twice) once per grading.
  const runs = sharedRuns((seed) => heartbeatRun(settings(), seed));

  test(`sends at most ${BUDGET_BEATS} heartbeats in any second`, () => {
    settings();
    for (const seed of SEEDS) {
      const run = runs(seed);
      const busiest = busiestSecond(run.sent);
      if (busiest.beats <= BUDGET_BEATS) continue;
      const times = run.sent.filter((t) => t >= busiest.fromMs && t < busiest.fromMs + BUDGET_WINDOW_MS);
      throw new PropertyViolation({
        property: `${describeSettings(run.settings)}, the active sent ${busiest.beats} heartbeats in the ${BUDGET_WINDOW_MS} ms from ${busiest.fromMs} ms, more than the ${BUDGET_BEATS} the budget allows.`,
        seed,
        trace: [`A sent heartbeats at ${times.slice(0, BUDGET_BEATS + 1).join(', ')}${times.length > BUDGET_BEATS + 1 ? ', …' : ''} ms`],
      });
    }
  });

  test('never takes over while the active is alive, through GC pauses and late heartbeats', () => {
    settings();
    for (const seed of SEEDS) {
      const run = runs(seed);
      expectPausesHappened(run);
      if (run.takeoverAtMs === null || run.takeoverAtMs >= run.crashAtMs) continue;
      const pause = run.pauses.find((p) => p.atMs <= run.takeoverAtMs! && run.takeoverAtMs! <= p.resumeAtMs + DELAY_MS.max);
      const why = pause === undefined ? 'late heartbeats alone stretched a silence past the tolerance' : `A was only frozen in a GC pause from ${pause.atMs} to ${pause.resumeAtMs} ms`;
      throw violation(
        run,
        `${describeSettings(run.settings)}, S took over at ${run.takeoverAtMs} ms, while A was alive — ${why}, and it crashed only at ${run.crashAtMs} ms: a false fail-over.`,
        run.takeoverAtMs,
      );
    }
  });

  test(`takes over within ${DEADLINE_MS} ms of every crash`, () => {
    settings();
    for (const seed of SEEDS) {
      const run = runs(seed);
      // The crash came 1 ms after a heartbeat went out: the latest last heartbeat a crash can leave.
      if (run.sent.at(-1) !== run.crashAtMs - 1) {
        throw violation(run, `${describeSettings(run.settings)}, the run should crash the active 1 ms after a heartbeat went out, but its last heartbeat left at ${run.sent.at(-1)} ms and it crashed at ${run.crashAtMs} ms.`, run.endMs);
      }
      const deadline = run.crashAtMs + DEADLINE_MS;
      if (run.takeoverAtMs === null) {
        throw violation(run, `${describeSettings(run.settings)}, A crashed at ${run.crashAtMs} ms and S had not taken over by ${run.endMs} ms; it had to by ${deadline} ms.`, run.endMs, run.crashAtMs);
      }
      if (run.takeoverAtMs < run.crashAtMs) {
        throw violation(run, `${describeSettings(run.settings)}, S took over at ${run.takeoverAtMs} ms, before A crashed at ${run.crashAtMs} ms: that is a false fail-over, not a detection.`, run.takeoverAtMs);
      }
      if (run.takeoverAtMs > deadline) {
        throw violation(
          run,
          `${describeSettings(run.settings)}, A crashed at ${run.crashAtMs} ms and S took over only at ${run.takeoverAtMs} ms, ${run.takeoverAtMs - run.crashAtMs} ms later: past the deadline of ${DEADLINE_MS} ms.`,
          run.takeoverAtMs,
          run.crashAtMs,
        );
      }
    }
  });
});
