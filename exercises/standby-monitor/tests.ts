import { defineTests, test, expect, PropertyViolation, runTwice, checkAgainstReference, fc, sameData, show, type Answer } from '../../src/testkit/index.ts';
import { standbyRun, takeoverStory, CHECK_EVERY_MS, type StandbyRun } from '../../src/scenarios/active-passive.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Step = { heartbeat: number } | { ask: number; expect: boolean };

/** Replays calls on a fresh monitor; a wrong answer names every call made so far. */
function expectCalls(learner: Learner, intervalMs: number, missed: number, startMs: number, steps: readonly Step[]): void {
  const monitor = new learner.StandbyMonitor(intervalMs, missed, startMs);
  const calls = [`new StandbyMonitor(${intervalMs}, ${missed}, ${startMs})   // tolerance: ${missed} × ${intervalMs} = ${missed * intervalMs} ms of silence`];
  let last = startMs;
  for (const step of steps) {
    if ('heartbeat' in step) {
      monitor.heartbeat(step.heartbeat);
      last = step.heartbeat;
      calls.push(`heartbeat(${step.heartbeat})`);
      continue;
    }
    const got = monitor.shouldTakeOver(step.ask);
    calls.push(`shouldTakeOver(${step.ask}) → ${JSON.stringify(got)}`);
    const silence = step.ask - last;
    expect(
      got,
      `${calls.join('\n')}\nThe last heartbeat (or the start) was at ${last} ms: ${silence} ms of silence, ${silence > missed * intervalMs ? 'more than' : 'not more than'} the ${missed * intervalMs} ms tolerated. shouldTakeOver(${step.ask})`,
    ).toBe(step.expect);
  }
}

const crashWindowMs = (intervalMs: number, missed: number) => missed * intervalMs + 20 + 2 * CHECK_EVERY_MS;
const SETTINGS = [
  { intervalMs: 100, missed: 3 },
  { intervalMs: 50, missed: 4 },
];

function violation(run: StandbyRun, property: string): PropertyViolation {
  return new PropertyViolation({ property, seed: run.seed, trace: takeoverStory(run) });
}

/** One call on monitor a or b, at its time. */
interface MonitorCall {
  on: 'a' | 'b';
  call: 'heartbeat' | 'shouldTakeOver';
  now: number;
}

/** Makes the two monitors, makes the calls in order, and answers what each call returned (null for a heartbeat). */
function replay(StandbyMonitor: Learner['StandbyMonitor']) {
  return (monitors: [number, number, number][], calls: MonitorCall[]): (boolean | null)[] => {
    const made = monitors.map(([intervalMs, missed, now]) => new StandbyMonitor(intervalMs, missed, now));
    return calls.map(({ on, call, now }) => {
      const monitor = made[on === 'a' ? 0 : 1]!;
      if (call === 'shouldTakeOver') return monitor.shouldTakeOver(now);
      monitor.heartbeat(now);
      return null;
    });
  };
}

/** The calls up to the first answer that differs, as code, and what it should have returned. */
function judgeReplay(got: Answer<(boolean | null)[]>, expected: Answer<(boolean | null)[]>, [monitors, calls]: [[number, number, number][], MonitorCall[]]): string | null {
  if (!('returned' in expected)) return null;
  const made = monitors.map((args, i) => `const ${'ab'[i]} = new StandbyMonitor(${args.join(', ')});`).join(' ');
  if ('threw' in got) return `— that is, ${made} and the calls listed — threw: ${got.threw}`;
  const at = calls.findIndex((_, i) => !sameData(got.returned?.[i], expected.returned[i]));
  if (at === -1) return null;
  const lines = calls.slice(0, at + 1).map(({ on, call, now }) => `${on}.${call}(${now});`);
  return `— that is, ${made} ${lines.join(' ')} — should answer ${show(expected.returned[at])} to the last call, but yours answered ${show(got.returned?.[at])}.`;
}

/** A generated call before it is timed: a number of ms after the previous call, or right at the monitor's tolerance (−1, 0 or +1 ms). */
const monitorStep = fc.record({
  on: fc.constantFrom<MonitorCall['on']>('a', 'b'),
  call: fc.constantFrom<MonitorCall['call']>('heartbeat', 'shouldTakeOver', 'shouldTakeOver'),
  when: fc.oneof(fc.oneof(fc.constantFrom(0, 1), fc.nat(400)).map((afterMs) => ({ afterMs })), fc.integer({ min: -1, max: 1 }).map((pastToleranceMs) => ({ pastToleranceMs }))),
});

/**
 * Two monitors side by side (intervals of 1 ms up, 0 to 10 missed beats, started at 0, at any time up to 2^40
 * ms, the second a few ms after the first), then up to 20 calls on either, at times that never go backwards:
 * often twice at one ms, often exactly at the silence a monitor tolerates or 1 ms either side of it, heartbeats
 * after a monitor said to take over.
 */
const monitorInputs = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(1, 100), fc.integer({ min: 1, max: 1000 })), fc.oneof(fc.constantFrom(0, 1, 3), fc.nat(10))), { minLength: 2, maxLength: 2 }),
    // Started early enough that 20 calls, each at most 10 000 ms later, stay below 2^40.
    fc.oneof(fc.constant(0), fc.nat(1000), fc.nat(2 ** 40 - 2 ** 20)),
    fc.nat(3),
    fc.array(monitorStep, { maxLength: 20 }),
  )
  .map(([settings, startMs, laterMs, steps]): [[number, number, number][], MonitorCall[]] => {
    const monitors = settings.map(([intervalMs, missed], i): [number, number, number] => [intervalMs, missed, startMs + i * laterMs]);
    const lastHeard = { a: monitors[0]![2], b: monitors[1]![2] };
    let now = monitors[1]![2];
    const calls = steps.map(({ on, call, when }): MonitorCall => {
      const [intervalMs, missed] = monitors[on === 'a' ? 0 : 1]!;
      now = 'afterMs' in when ? now + when.afterMs : Math.max(now, lastHeard[on] + missed * intervalMs + when.pastToleranceMs);
      if (call === 'heartbeat') lastHeard[on] = now;
      return { on, call, now };
    });
    return [monitors, calls];
  });

export default defineTests<Learner>((learner) => {
  const monitor = (intervalMs: number, missed: number, now: number) => new learner.StandbyMonitor(intervalMs, missed, now);

  test('takes over only after more than missed × intervalMs without a heartbeat', () => {
    expectCalls(learner, 100, 3, 0, [{ ask: 250, expect: false }, { ask: 300, expect: false }, { ask: 301, expect: true }]);
    expectCalls(learner, 50, 2, 1000, [{ ask: 1100, expect: false }, { ask: 1101, expect: true }]);
  });

  test('every heartbeat starts the silence again', () => {
    expectCalls(learner, 100, 3, 0, [
      { heartbeat: 90 }, { ask: 300, expect: false }, { heartbeat: 250 }, { ask: 500, expect: false }, { ask: 550, expect: false }, { ask: 551, expect: true },
    ]);
  });

  test('takes over within the stated window after the active crashes', () => {
    for (const { intervalMs, missed } of SETTINGS) {
      for (const seed of [1, 2, 3]) {
        const crashAtMs = 1000 + 13 * seed;
        const run = runTwice(seed, (s) => standbyRun({ monitor, intervalMs, missed, crashAtMs, runMs: 2000 }, s));
        const setting = `With heartbeats every ${intervalMs} ms and ${missed} missed beats tolerated, A crashed at ${crashAtMs} ms`;
        const deadline = crashAtMs + crashWindowMs(intervalMs, missed);
        if (run.takeoverAtMs === null) throw violation(run, `${setting}, but S never took over (the run lasted until 2000 ms; it should by ${deadline} ms).`);
        if (run.takeoverAtMs < crashAtMs) throw violation(run, `${setting}, but S took over at ${run.takeoverAtMs} ms, while A was still alive and sending heartbeats: a false fail-over.`);
        if (run.takeoverAtMs > deadline) {
          throw violation(run, `${setting}; S took over only at ${run.takeoverAtMs} ms, later than ${deadline} ms (${missed} × ${intervalMs} ms after the last heartbeat, plus up to 20 ms of network and ${2 * CHECK_EVERY_MS} ms of checking).`);
        }
      }
    }
  });

  test('never takes over while late heartbeats still arrive', () => {
    const spikes = [
      { intervalMs: 100, missed: 3, extraMs: 150 },
      { intervalMs: 50, missed: 4, extraMs: 120 },
    ];
    const runMs = 2000;
    for (const { intervalMs, missed, extraMs } of spikes) {
      for (const seed of [1, 2]) {
        // Keep the monitor S consulted, to ask it once more after the run (the run itself is unchanged).
        let consulted: InstanceType<Learner['StandbyMonitor']> | undefined;
        const watched = (interval: number, tolerated: number, now: number) => (consulted = monitor(interval, tolerated, now));
        const run = runTwice(seed, (s) => standbyRun({ monitor: watched, intervalMs, missed, spikes: [{ atMs: 500, extraMs, durationMs: 600 }], runMs }, s));
        const setting = `With heartbeats every ${intervalMs} ms and ${missed} missed beats tolerated, A never crashed — its heartbeats were only delayed by up to ${extraMs} ms between 500 and 1100 ms, so no gap exceeded ${missed * intervalMs} ms`;
        if (run.takeoverAtMs !== null) {
          throw violation(run, `${setting} — but S took over at ${run.takeoverAtMs} ms: a false fail-over, and now two nodes claim the address.`);
        }
        // A monitor that never takes over passes the run above for nothing: after the run, with no heartbeat
        // for longer than the tolerance, it must say take over.
        const probeAt = runMs + missed * intervalMs + 1;
        const late = consulted?.shouldTakeOver(probeAt);
        if (late === true) continue;
        throw violation(run, `${setting}, and S rightly stayed standby; but after the run, with no heartbeat since ${runMs} ms at the latest, shouldTakeOver(${probeAt}) returned ${JSON.stringify(late)}: a monitor that never takes over cannot show it tells late heartbeats from a dead active.`);
      }
    }
  });

  test('two monitors side by side agree with the reference, call by call', () => {
    checkAgainstReference({ name: 'replay', seed: 3381, runs: 40, inputs: monitorInputs, learner: replay(learner.StandbyMonitor), reference: replay(Reference.StandbyMonitor), judge: judgeReplay });
  });
});
