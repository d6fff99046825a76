import { checkAgainstReference, defineTests, fc, PropertyViolation, sameData, sharedRuns, show, test, type Answer } from '../../src/testkit/index.ts';
import { CALM, MAX_SILENCE_INTERVALS, MIN_SILENCE_INTERVALS, NETWORKS, PAUSES, PAUSING, SETTLING, longestAliveSilence, standbyRun, standbyStory, type Network, type StandbyRun } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3, 4];
/** After this many ms the monitor has heard heartbeats for more than two seconds on either network. */
const LEARNT_BY_MS = 3000;
/** Every pause stretches one silence to at least this (a 430 ms pause begun 10 ms early, 40 ms of jitter). */
const PAUSE_SILENCE_MS = 480;

/** A failure with the run's story up to `untilMs`, faults from `sinceMs` on. */
function violation(run: StandbyRun, property: string, untilMs: number, sinceMs = 0): PropertyViolation {
  return new PropertyViolation({ property, seed: run.seed, trace: standbyStory(run, untilMs, sinceMs) });
}

/** On the settling network the crash comes this long after the active's only pause ended, at least. */
const SETTLED_FOR_MS = 4000;

/**
 * Throws unless the run really froze the active as its network says, with a silence of at least
 * `PAUSE_SILENCE_MS` — on the pausing network also after the monitor had time to learn: a run without a pause
 * proves nothing about false fail-overs.
 */
function expectPausesHappened(run: StandbyRun): void {
  const { network } = run;
  if (network.pauses === 0) return;
  const before = run.pauses.filter((p) => p.resumeAtMs < run.crashAtMs);
  const since = network.pauses === PAUSES ? LEARNT_BY_MS : 0;
  const silence = longestAliveSilence(run, since);
  if (before.length === network.pauses && silence.toMs - silence.fromMs >= PAUSE_SILENCE_MS) return;
  throw violation(
    run,
    `On ${network.name}, the run should freeze the active ${network.pauses} ${network.pauses === 1 ? 'time' : 'times'} before the crash at ${run.crashAtMs} ms, with a silence of at least ${PAUSE_SILENCE_MS} ms after ${since} ms; it froze it ${before.length} times and the longest such silence was ${silence.toMs - silence.fromMs} ms, so it cannot show that the standby rides out a pause.`,
    run.crashAtMs,
  );
}

/** For a late detection on the settling network: how long before the crash its only pause ended. */
const settledSince = (run: StandbyRun): string => {
  const pause = run.pauses.at(-1);
  return run.network === SETTLING && pause !== undefined ? ` — the active's only pause ended at ${pause.resumeAtMs} ms, ${run.crashAtMs - pause.resumeAtMs} ms before the crash` : '';
};

/** One call on a monitor: a heartbeat or a question, at a time. */
interface MonitorCall {
  call: 'heartbeat' | 'shouldTakeOver';
  now: number;
}
type Replay = [intervalMs: number, startMs: number, calls: MonitorCall[]];

/** Makes one monitor and makes the calls in order; answers what each call returned (null for a heartbeat). */
function replay(StandbyMonitor: Learner['StandbyMonitor']) {
  return (intervalMs: number, startMs: number, calls: MonitorCall[]): (boolean | null)[] => {
    const monitor = new StandbyMonitor(intervalMs, startMs);
    return calls.map(({ call, now }) => (call === 'heartbeat' ? (monitor.heartbeat(now), null) : monitor.shouldTakeOver(now)));
  };
}

/** A call as the failure names it: its place in the list and what it was. */
const nth = (i: number, { call, now }: MonitorCall) => `call ${i + 1}, ${call}(${now})`;

/** The first question answered outside the bounds: false after more than ten intervals of silence, true after two or less, or not a boolean. */
function judgeBounds(got: Answer<(boolean | null)[]>, _expected: Answer<(boolean | null)[]>, [intervalMs, startMs, calls]: Replay): string | null {
  if ('threw' in got) return `— a monitor made with these arguments and given these calls — threw: ${got.threw}`;
  let lastHeard = startMs;
  for (const [i, { call, now }] of calls.entries()) {
    if (call === 'heartbeat') {
      lastHeard = now;
      continue;
    }
    const answer = got.returned[i];
    const silence = now - lastHeard;
    const must = silence <= MIN_SILENCE_INTERVALS * intervalMs ? false : silence > MAX_SILENCE_INTERVALS * intervalMs ? true : null;
    if (typeof answer === 'boolean' && (must === null || answer === must)) continue;
    const why =
      typeof answer !== 'boolean'
        ? 'but shouldTakeOver must answer true or false'
        : must
          ? `more than ${MAX_SILENCE_INTERVALS} × ${intervalMs} ms: a monitor must take over by then, however much the network has varied`
          : `at most ${MIN_SILENCE_INTERVALS} × ${intervalMs} ms: too short a silence to take over after, whatever the monitor has learnt`;
    return `— a monitor made with these arguments and given these calls — answered ${show(answer)} to ${nth(i, calls[i]!)}, after ${silence} ms of silence, ${why}.`;
  }
  return null;
}

/** A generated call before it is timed: a heartbeat after a gap, or a question after a silence, in ms or hundredths of the interval. */
type Step =
  | { readonly call: 'heartbeat'; readonly gap: { readonly ms: number } | { readonly pct: number } }
  | { readonly call: 'shouldTakeOver'; readonly silence: ({ readonly intervals: number } | { readonly pct: number }) & { readonly after: number } };
/** Gaps between heartbeats: about one interval, sometimes none or 1 ms, and (when `longGaps`) sometimes 2 to 20 intervals. */
const gapStep = (longGaps: boolean) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(0, 1).map((ms): { ms: number } | { pct: number } => ({ ms })), weight: 1 },
    { arbitrary: fc.integer({ min: 80, max: 130 }).map((pct) => ({ pct })), weight: 6 },
    ...(longGaps ? [{ arbitrary: fc.integer({ min: 2, max: 20 }).map((k) => ({ pct: 100 * k })), weight: 2 }] : []),
  );
/** Questions exactly at the two bounds or 1 ms after, or anywhere up to 12 intervals (up to 2 when `longGaps` is off, to keep the heartbeats regular). */
const silenceStep = (longGaps: boolean) =>
  fc.oneof(
    fc.constantFrom(...(longGaps ? [MIN_SILENCE_INTERVALS, MAX_SILENCE_INTERVALS] : [MIN_SILENCE_INTERVALS])).chain((k) => fc.integer({ min: 0, max: 1 }).map((after) => ({ intervals: k, after }))),
    fc.integer({ min: 0, max: longGaps ? 1200 : 200 }).map((pct) => ({ pct, after: 0 })),
  );
/** Often a run of regular heartbeats first, so that a monitor has learnt from them before the calls that test it. */
const monitorSteps = fc.boolean().chain((longGaps) =>
  fc
    .tuple(
      fc.oneof(fc.constant(0), fc.integer({ min: 25, max: 45 })),
      fc.array(
        fc.oneof(
          { arbitrary: gapStep(longGaps).map((gap): Step => ({ call: 'heartbeat', gap })), weight: 3 },
          { arbitrary: silenceStep(longGaps).map((silence): Step => ({ call: 'shouldTakeOver', silence })), weight: 2 },
        ),
        { maxLength: 60, size: 'max' },
      ),
    )
    .map(([regular, steps]) => [...Array.from({ length: regular }, (): Step => ({ call: 'heartbeat', gap: { pct: 100 } })), ...steps]),
);

/** Times the steps from `startMs` on: never backwards, each heartbeat and question at its gap or silence since the last heartbeat (or later, if time has passed it). */
function timed(intervalMs: number, startMs: number, steps: readonly Step[]): MonitorCall[] {
  let now = startMs;
  let lastHeard = startMs;
  return steps.map((step): MonitorCall => {
    if (step.call === 'heartbeat') {
      now = Math.max(now, lastHeard + ('ms' in step.gap ? step.gap.ms : Math.round((step.gap.pct * intervalMs) / 100)));
      lastHeard = now;
    } else {
      const silence = 'intervals' in step.silence ? step.silence.intervals * intervalMs : Math.round((step.silence.pct * intervalMs) / 100);
      now = Math.max(now, lastHeard + silence + step.silence.after);
    }
    return { call: step.call, now };
  });
}

/** Intervals of 1 ms up, started at 0 or at any time up to 2^40 ms, and up to 100 calls (enough heartbeats to learn from; in half the runs, long gaps among them). */
const intervals = fc.oneof(fc.constantFrom(1, 100), fc.integer({ min: 1, max: 1000 }));
// Started early enough that 100 calls, each at most 20 000 ms later, stay below 2^40.
const starts = fc.oneof(fc.constant(0), fc.nat(1000), fc.nat(2 ** 40 - 2 ** 22));
const replayInputs = fc
  .tuple(intervals, starts, monitorSteps)
  .map(([intervalMs, startMs, steps]): Replay => [intervalMs, startMs, timed(intervalMs, startMs, steps)]);

/** Two monitors' calls interleaved, with the monitor each is for. */
type Pair = [a: Replay, b: Replay, order: ('a' | 'b')[]];

/** Answers every call twice: with both monitors side by side, interleaved in `order`, and with each monitor alone. */
function sideBySide(StandbyMonitor: Learner['StandbyMonitor']) {
  return (a: Replay, b: Replay, order: ('a' | 'b')[]): { together: (boolean | null)[][]; alone: (boolean | null)[][] } => {
    const alone = [replay(StandbyMonitor)(...a), replay(StandbyMonitor)(...b)];
    const monitors = { a: new StandbyMonitor(a[0], a[1]), b: new StandbyMonitor(b[0], b[1]) };
    const together: (boolean | null)[][] = [[], []];
    const next = { a: 0, b: 0 };
    for (const on of order) {
      const { call, now } = (on === 'a' ? a : b)[2][next[on]++]!;
      (on === 'a' ? together[0]! : together[1]!).push(call === 'heartbeat' ? (monitors[on].heartbeat(now), null) : monitors[on].shouldTakeOver(now));
    }
    return { together, alone };
  };
}

/** Whether each monitor answered the same beside the other as alone. */
function judgeSideBySide(got: Answer<{ together: (boolean | null)[][]; alone: (boolean | null)[][] }>, _expected: unknown, [a, b]: Pair): string | null {
  if ('threw' in got) return `— two monitors a and b, made with these arguments and given these calls, interleaved in this order — threw: ${got.threw}`;
  for (const [m, [, , calls]] of [a, b].entries()) {
    const at = calls.findIndex((_, i) => !sameData(got.returned.together[m]![i], got.returned.alone[m]![i]));
    if (at === -1) continue;
    const name = 'ab'[m]!;
    return `— two monitors a and b, their calls interleaved in this order — monitor ${name} answered ${show(got.returned.alone[m]![at])} to its ${nth(at, calls[at]!)} when it ran alone, but ${show(got.returned.together[m]![at])} with the other monitor's calls in between: each monitor must learn only from its own heartbeats.`;
  }
  return null;
}

/**
 * Two monitors: one hearing regular heartbeats, the other heartbeats far apart, their calls interleaved in time
 * order. A monitor that learns from the other's gaps answers differently beside it than alone.
 */
const regularReplay = (minPct: number, maxPct: number) =>
  fc
    .tuple(intervals, fc.array(fc.oneof({ arbitrary: fc.integer({ min: minPct, max: maxPct }).map((pct): Step => ({ call: 'heartbeat', gap: { pct } })), weight: 3 }, { arbitrary: silenceStep(true).map((silence): Step => ({ call: 'shouldTakeOver', silence })), weight: 1 }), { minLength: 30, maxLength: 60 }))
    .map(([intervalMs, steps]): Replay => [intervalMs, 0, timed(intervalMs, 0, steps)]);
const pairInputs = fc.tuple(regularReplay(90, 110), regularReplay(300, 800)).map(([a, b]): Pair => {
  // Merge by time; on a tie, a's call first.
  const order: ('a' | 'b')[] = [];
  let i = 0;
  let j = 0;
  while (i < a[2].length || j < b[2].length) {
    if (j >= b[2].length || (i < a[2].length && a[2][i]!.now <= b[2][j]!.now)) (order.push('a'), i++);
    else (order.push('b'), j++);
  }
  return [a, b, order];
});

export default defineTests<Learner>((learner) => {
  const monitor = (intervalMs: number, now: number) => new learner.StandbyMonitor(intervalMs, now);
  // The two simulated tests judge the same runs of the learner's monitor: each seed runs (twice) once per grading and network.
  const runs = Object.fromEntries(NETWORKS.map((network) => [network.id, sharedRuns((seed) => standbyRun(network, monitor, seed))])) as Record<Network['id'], (seed: number) => StandbyRun>;

  test(`never takes over after ${MIN_SILENCE_INTERVALS} intervals of silence or less, and always after more than ${MAX_SILENCE_INTERVALS}`, () => {
    checkAgainstReference({ name: 'replay', seed: 9093, runs: 60, inputs: replayInputs, learner: replay(learner.StandbyMonitor), reference: replay(Reference.StandbyMonitor), judge: judgeBounds });
  });

  test('never takes over while the active is alive, on any of the three networks', () => {
    for (const network of NETWORKS) {
      for (const seed of SEEDS) {
        const run = runs[network.id](seed);
        expectPausesHappened(run);
        if (run.takeoverAtMs === null || run.takeoverAtMs >= run.crashAtMs) continue;
        const pause = run.pauses.find((p) => p.atMs <= run.takeoverAtMs! && run.takeoverAtMs! <= p.resumeAtMs + network.delayMs.max);
        const why = pause === undefined ? 'its heartbeats were only late' : `A was only frozen in a GC pause from ${pause.atMs} to ${pause.resumeAtMs} ms`;
        throw violation(run, `On ${network.name}, S took over at ${run.takeoverAtMs} ms, while A was alive — ${why}, and it crashed only at ${run.crashAtMs} ms: a false fail-over.`, run.takeoverAtMs);
      }
    }
  });

  test(`takes over within each network's deadline after the crash: ${CALM.deadlineMs} ms calm, ${PAUSING.deadlineMs} ms pausing, ${SETTLING.deadlineMs} ms settled`, () => {
    for (const network of NETWORKS) {
      for (const seed of SEEDS) {
        const run = runs[network.id](seed);
        // The crash came 1 ms after a heartbeat went out: the latest last heartbeat a crash can leave.
        if (run.sent.at(-1) !== run.crashAtMs - 1) {
          throw violation(run, `On ${network.name}, the run should crash the active 1 ms after a heartbeat went out, but its last heartbeat left at ${run.sent.at(-1)} ms and it crashed at ${run.crashAtMs} ms.`, run.endMs);
        }
        const lastPause = run.pauses.at(-1);
        if (network === SETTLING && (lastPause === undefined || run.crashAtMs - lastPause.resumeAtMs < SETTLED_FOR_MS)) {
          throw violation(run, `On ${network.name}, the run should crash the active at least ${SETTLED_FOR_MS} ms after its only pause ended, but it crashed at ${run.crashAtMs} ms and the pause ${lastPause === undefined ? 'never happened' : `ended at ${lastPause.resumeAtMs} ms`}.`, run.crashAtMs);
        }
        const deadline = run.crashAtMs + network.deadlineMs;
        if (run.takeoverAtMs === null) {
          throw violation(run, `On ${network.name}, A crashed at ${run.crashAtMs} ms and S had not taken over by ${run.endMs} ms; it had to by ${deadline} ms${settledSince(run)}.`, run.endMs, run.crashAtMs);
        }
        if (run.takeoverAtMs < run.crashAtMs) {
          throw violation(run, `On ${network.name}, S took over at ${run.takeoverAtMs} ms, before A crashed at ${run.crashAtMs} ms: that is a false fail-over, not a detection.`, run.takeoverAtMs);
        }
        if (run.takeoverAtMs > deadline) {
          throw violation(
            run,
            `On ${network.name}, A crashed at ${run.crashAtMs} ms and S took over only at ${run.takeoverAtMs} ms, ${run.takeoverAtMs - run.crashAtMs} ms later: past this network's deadline of ${network.deadlineMs} ms${settledSince(run)}.`,
            run.takeoverAtMs,
            run.crashAtMs,
          );
        }
      }
    }
  });

  test('two monitors side by side each learn only from their own heartbeats', () => {
    checkAgainstReference({ name: 'sideBySide', seed: 4127, runs: 25, inputs: pairInputs, learner: sideBySide(learner.StandbyMonitor), reference: sideBySide(Reference.StandbyMonitor), judge: judgeSideBySide });
  });
});
