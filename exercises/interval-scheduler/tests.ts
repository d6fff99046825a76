import { defineTests, test, expect, PropertyViolation, runTwice, recordRun, checkAgainstReference, fc, type Answer } from '../../src/testkit/index.ts';
import { scheduledRuns, slots, type ScheduledRun } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Step = { ask: number; expect: boolean; why?: string } | { finished: number };

function expectCalls(learner: Learner, periodMs: number, startMs: number, steps: readonly Step[]): void {
  const scheduler = new learner.IntervalScheduler(periodMs, startMs);
  const log = [`new IntervalScheduler(${periodMs}, ${startMs})   // slots at ${startMs}, ${startMs + periodMs}, ${startMs + 2 * periodMs}, …`];
  for (const step of steps) {
    if ('finished' in step) {
      scheduler.finished(step.finished);
      log.push(`finished(${step.finished})`);
      continue;
    }
    const got = scheduler.shouldStart(step.ask);
    log.push(`shouldStart(${step.ask}) → ${JSON.stringify(got)}`);
    expect(got, `${log.join('\n')}\n${step.why ?? ''} shouldStart(${step.ask})`).toBe(step.expect);
  }
}

/** Wake-up loops are 5–9 ms apart, so a run that is on time starts less than 10 ms after its slot. */
const ON_TIME_MS = 10;
const SIM = { periodMs: 100, startMs: 50, long: [3, 7], longMs: 350, runMs: 2_000 };
const SEEDS = [1, 2, 3];

function story(run: ScheduledRun, upTo: number): string[] {
  return run.runs.slice(Math.max(0, upTo - 3), upTo + 1).map((r, i, shown) => {
    const n = upTo - shown.length + i + 2;
    return `run ${n}: started at ${r.start} ms, ${r.end === null ? 'still running at the end' : `finished at ${r.end} ms`}`;
  });
}

/**
 * The run with the story's evidence highlighted: the wake-ups that started the runs `story` tells and the timers
 * that ended them, and the wake-ups in `idle` (a slot's window in which no run started).
 */
function storyRun(run: ScheduledRun, upTo: number, idle?: { from: number; to: number }) {
  const shown = run.runs.slice(Math.max(0, upTo - 3), upTo + 1);
  const starts = new Set(shown.map((r) => r.start));
  const ends = new Set(shown.map((r) => r.end));
  const evidence = run.sim.trace.events().filter((event) => {
    if (event.kind !== 'timer') return false;
    if (!event.summary.startsWith('timer wake')) return ends.has(event.time);
    return starts.has(event.time) || (idle !== undefined && event.time >= idle.from && event.time <= idle.to);
  });
  return recordRun(run.sim, run.seed, evidence);
}

const setup = `Slots every ${SIM.periodMs} ms from ${SIM.startMs} ms; the scheduler wakes every 5–9 ms; runs take 20–60 ms, but runs 3 and 7 take ${SIM.longMs} ms.`;

/** One call of a generated conversation: `shouldStart(now)` or `finished(now)`. */
type Call = [method: 'shouldStart' | 'finished', now: number];
type Conversation = [periodMs: number, startMs: number, calls: Call[]];

/**
 * Periods of 1–4 ms or up to 150, a start at 0 or later, and up to 20 calls whose times never go back: before
 * the first slot, exactly on a slot, one either side of one, anywhere between, or again at the same ms, often
 * a slot or two later, sometimes up to a hundred. `finished` comes only while a run is going (as the reference sees it), as the prompt promises.
 */
const conversations = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 150 })),
    fc.oneof(fc.constant(0), fc.nat(300)),
    fc.array(
      fc.tuple(fc.boolean(), fc.oneof({ arbitrary: fc.nat(2), weight: 6 }, { arbitrary: fc.integer({ min: 3, max: 100 }), weight: 1 }), fc.oneof(fc.constantFrom(-1, 0, 1), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))),
      { maxLength: 20, size: 'max' },
    ),
  )
  .map(([periodMs, startMs, steps]): Conversation => {
    const scheduler = new Reference.IntervalScheduler(periodMs, startMs);
    let running = false;
    let slot = -1;
    let now = 0;
    const calls: Call[] = [];
    for (const [ask, slotsLater, offset] of steps) {
      slot += slotsLater;
      // An offset of -1, 0 or 1 ms from the slot, or a point anywhere in the period after it.
      const at = startMs + slot * periodMs + (Number.isInteger(offset) ? offset : Math.floor(offset * periodMs));
      now = Math.max(now, at);
      if (ask) {
        running = scheduler.shouldStart(now) || running;
        calls.push(['shouldStart', now]);
      } else if (running) {
        scheduler.finished(now);
        running = false;
        calls.push(['finished', now]);
      }
    }
    return [periodMs, startMs, calls];
  });

/** Holds the conversation with a fresh scheduler; the answers of its `shouldStart` calls, in order. */
function converse(make: (periodMs: number, startMs: number) => { shouldStart(now: number): boolean; finished(now: number): void }) {
  return (periodMs: number, startMs: number, calls: Call[]): boolean[] => {
    const scheduler = make(periodMs, startMs);
    const answers: boolean[] = [];
    for (const [method, now] of calls) {
      if (method === 'finished') scheduler.finished(now);
      else answers.push(scheduler.shouldStart(now));
    }
    return answers;
  };
}

/** Shows the conversation up to the first answer that differs, as code with the expected answers. */
function judgeConversation(got: Answer<boolean[]>, expected: Answer<boolean[]>, [periodMs, startMs, calls]: Conversation): string | null {
  if (!('returned' in expected)) return null;
  const lines = [`new IntervalScheduler(${periodMs}, ${startMs})`];
  const mine = 'returned' in got ? got.returned : [];
  let asked = 0;
  for (const [method, now] of calls) {
    if (method === 'finished') {
      lines.push(`finished(${now})`);
      continue;
    }
    const want = expected.returned[asked]!;
    if ('threw' in got || mine[asked] !== want) {
      const yours = 'threw' in got ? `your scheduler threw: ${got.threw}` : `yours returned ${JSON.stringify(mine[asked])}`;
      return `— ${[...lines, `shouldStart(${now})`].join('; ')} — the last call should return ${want}, but ${yours}.`;
    }
    lines.push(`shouldStart(${now}) → ${want}`);
    asked += 1;
  }
  return null;
}

export default defineTests<Learner>((learner) => {
  const make = (periodMs: number, startMs: number) => new learner.IntervalScheduler(periodMs, startMs);

  test('starts on the schedule, not a period after the last start or finish', () => {
    expectCalls(learner, 100, 0, [
      { ask: 3, expect: true, why: 'The slot at 0 ms has come.' },
      { finished: 30 },
      { ask: 98, expect: false, why: 'The next slot is at 100 ms.' },
      { ask: 104, expect: true, why: 'The slot at 100 ms has come (we woke up a little late).' },
      { finished: 150 },
      { ask: 201, expect: true, why: 'The slot at 200 ms has come: the schedule does not move because the last run started at 104 or ended at 150.' },
    ]);
    expectCalls(learner, 100, 0, [
      { ask: 0, expect: true, why: 'The slot at 0 ms has come, exactly now.' },
      { finished: 0 },
      { ask: 0, expect: false, why: 'The slot at 0 ms already had its run; the next slot is at 100 ms.' },
      { ask: 100, expect: true, why: 'The slot at 100 ms has come, exactly now.' },
    ]);
  });

  test('never starts while a run is going, and skips the slots it missed', () => {
    expectCalls(learner, 100, 0, [
      { ask: 2, expect: true },
      { ask: 103, expect: false, why: 'The run that started at 2 ms has not finished.' },
      { finished: 130 },
      { ask: 131, expect: false, why: 'The slot at 100 ms passed while the run was going: it is skipped, the next slot is 200 ms.' },
      { ask: 205, expect: true, why: 'The slot at 200 ms has come.' },
    ]);
  });

  test('agrees with the reference on generated conversations', () => {
    checkAgainstReference({
      name: 'converse', seed: 2761, runs: 80, inputs: conversations, judge: judgeConversation,
      learner: converse(make), reference: converse((periodMs, startMs) => new Reference.IntervalScheduler(periodMs, startMs)),
    });
  });

  test('no overlap, no drift and no catch-up burst through slow runs', () => {
    for (const seed of SEEDS) {
      const run = runTwice(seed, (s) => scheduledRuns({ scheduler: make, ...SIM }, s));
      // The slow runs are what this test is about: without them it would judge nothing hard.
      const slowRuns = SIM.long.filter((n) => run.runs[n - 1] !== undefined).length;
      if (slowRuns < SIM.long.length) {
        throw new PropertyViolation({
          property: `${setup} Only ${run.runs.length} runs started in ${SIM.runMs} ms, so runs ${SIM.long.join(' and ')} — the slow ones — did not all happen, and this test cannot judge what the scheduler does through a slow run: start a run at every slot that finds the job idle.`,
          seed,
          trace: story(run, Math.max(0, run.runs.length - 1)),
          run: storyRun(run, Math.max(0, run.runs.length - 1)),
        });
      }
      run.runs.forEach((r, i) => {
        const previous = run.runs[i - 1];
        const fail = (what: string) => new PropertyViolation({ property: `${setup} ${what}`, seed, trace: story(run, i), run: storyRun(run, i) });
        if (previous !== undefined && (previous.end === null || previous.end > r.start)) {
          throw fail(`Run ${i + 1} started at ${r.start} ms while run ${i} (started at ${previous.start} ms) was still going: two runs overlapped.`);
        }
        const late = (r.start - SIM.startMs) % SIM.periodMs;
        if (late >= ON_TIME_MS && previous?.end != null && r.start - previous.end < ON_TIME_MS) {
          throw fail(`Run ${i + 1} started at ${r.start} ms, right after run ${i} finished at ${previous.end} ms, although no slot had come: the last slot, ${r.start - late} ms, passed while run ${i} was going. A slot missed during a slow run must be skipped, not made up for.`);
        }
        if (r.start < SIM.startMs || late >= ON_TIME_MS) {
          throw fail(`Run ${i + 1} started at ${r.start} ms, ${late} ms after the slot at ${r.start - late} ms: the runs have drifted off the schedule (a run on time starts less than ${ON_TIME_MS} ms after its slot).`);
        }
        if (previous !== undefined && r.start - previous.start < SIM.periodMs - ON_TIME_MS) {
          throw fail(`Run ${i + 1} started at ${r.start} ms, only ${r.start - previous.start} ms after run ${i}: slots missed during a slow run must be skipped, not caught up with a burst.`);
        }
      });
    }
  });

  test('every slot that finds the job idle gets a run', () => {
    for (const seed of SEEDS) {
      const run = runTwice(seed, (s) => scheduledRuns({ scheduler: make, ...SIM }, s));
      for (const slot of slots(run, SIM.runMs - SIM.periodMs)) {
        const busy = run.runs.some((r) => r.start <= slot && (r.end === null || r.end > slot));
        const started = run.runs.findIndex((r) => r.start >= slot && r.start < slot + ON_TIME_MS);
        if (busy || started >= 0) continue;
        const before = run.runs.filter((r) => r.start < slot).length;
        throw new PropertyViolation({
          property: `${setup} At the slot at ${slot} ms no run was going, but none started by ${slot + ON_TIME_MS} ms (${run.runs.length} runs in ${SIM.runMs} ms in all).`,
          seed,
          trace: story(run, Math.max(0, before - 1)),
          run: storyRun(run, Math.max(0, before - 1), { from: slot, to: slot + ON_TIME_MS }),
        });
      }
    }
  });
});
