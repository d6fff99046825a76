import { defineTests, test, expect, PropertyViolation, runTwice } from '../../src/testkit/index.ts';
import { standbyRun, takeoverStory, CHECK_EVERY_MS, type StandbyRun } from '../../src/scenarios/active-passive.ts';
import type * as Solution from './solution.ts';

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
});
