import { defineTests, test, expect, PropertyViolation, runTwice, recordRun, checkAgainstReference, fc, type Answer } from '../../src/testkit/index.ts';
import { GUARDED_BACKEND, guardedBackendRun, outcomeFromBackend, type GuardedBackendRun } from '../../src/scenarios/guarded-backend.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const { failureThreshold, coolDownMs } = GUARDED_BACKEND.breaker;

/** A backend that answers from a script (true = success) and counts the calls it received. */
function scriptedBackend(script: readonly boolean[]): { request: () => boolean; calls: () => number } {
  let calls = 0;
  return {
    request: () => script[calls++] ?? false,
    calls: () => calls,
  };
}

/** The setting every simulated run shares, as the first lines of a failure's story. */
const setting = [
  `${GUARDED_BACKEND.callers} callers each call the backend every ${GUARDED_BACKEND.callEveryMs} ms through one CircuitBreaker({ failureThreshold: ${failureThreshold}, coolDownMs: ${coolDownMs} })`,
  't=0ms  the backend is down',
];

const callLine = (call: GuardedBackendRun['calls'][number]) => `t=${call.at}ms  ${call.caller} → backend (${call.state}): ${call.ok ? 'success' : 'failure'}`;

/** A broken rule: its sentence, its story, and the breaker calls that are its evidence (drawn highlighted in the run). */
interface Broken {
  readonly property: string;
  readonly trace: string[];
  readonly evidence: readonly { readonly at: number; readonly caller: string }[];
}

/** Each breaker call's outcome against what reached the backend during it: the breaker's word is checked, not trusted. */
function checkOutcomes(run: GuardedBackendRun): Broken | null {
  const lie = run.outcomes.find((call) => call.outcome !== outcomeFromBackend(call));
  if (lie === undefined) return null;
  const reached =
    lie.backendCalls === 0 ? 'the backend was not called' : lie.backendCalls === 1 ? `the backend was called once and answered ${lie.backendOk === true ? 'success' : 'failure'}` : `the backend was called ${lie.backendCalls} times`;
  return {
    property: `At ${lie.at} ms call() returned ${JSON.stringify(lie.outcome)} to ${lie.caller}, but during that call ${reached}: call() must call request() at most once and return "rejected" without calling it, or what the call answered.`,
    trace: [],
    evidence: [lie],
  };
}

/** Runs each seed twice (both runs must make the same calls) and throws the first violation `check` finds. */
function checkRuns(learner: Learner, recovers: boolean, check: (run: GuardedBackendRun) => Broken | null): void {
  for (const seed of SEEDS) {
    const run = runTwice(seed, (s) => guardedBackendRun(new learner.CircuitBreaker({ failureThreshold, coolDownMs }), { recovers }, s));
    const violation = checkOutcomes(run) ?? check(run);
    if (violation === null) continue;
    // A breaker call happens when its caller's timer fires: those events are the evidence in the run.
    const story = run.sim.trace.events().filter((event) => event.kind === 'timer' && violation.evidence.some((call) => call.caller === event.node && call.at === event.time));
    throw new PropertyViolation({ seed, property: violation.property, trace: [...setting, ...violation.trace], run: recordRun(run.sim, seed, story) });
  }
}

/** Two breakers side by side, `a` and `b`, each made as `new CircuitBreaker(options)`. */
const NAMES = ['a', 'b'] as const;
/** A step is a call as code: `a.call(40, up)` asks a backend that answers success (`up = () => true`), `down` one that fails. */
const STEP = /^([ab])\.call\((\d+), (up|down)\)$/;

/** What one step did: the outcome call() returned, and how often it called request(). */
interface StepResult {
  readonly outcome: Solution.CallOutcome;
  readonly requests: number;
}

/** Runs the steps on fresh breakers of one side, each step counting the calls its backend receives. */
function runSteps(makeBreaker: (options: Solution.BreakerOptions) => Solution.CircuitBreaker) {
  return (options: Solution.BreakerOptions[], steps: string[]): StepResult[] => {
    const breakers = options.map((option) => makeBreaker({ ...option }));
    // The backend of the step in progress: one function for the whole run, as the boundary registers every
    // function handed to learner code, and a fresh one per step cost more than the breakers' work.
    let requests = 0;
    let up = false;
    const request = (): boolean => {
      requests += 1;
      return up;
    };
    return steps.map((step) => {
      const [, name, now, answer] = STEP.exec(step) as RegExpExecArray;
      requests = 0;
      up = answer === 'up';
      const outcome = breakers[NAMES.indexOf(name as 'a' | 'b')]!.call(Number(now), request);
      return { outcome, requests };
    });
  };
}

/**
 * Two breakers with failureThreshold 1, 2, up to 5 or very large and coolDownMs 0, 1, up to 8 or very long,
 * called at times that never go backwards: often in the same millisecond, often exactly one cool-down after
 * the same breaker's previous call (when it may just have opened), one before or one after, or much later;
 * the backend fails more often than not, so breakers open, probe, reopen and close.
 */
const breakerRuns = fc
  .tuple(
    fc.array(
      fc.record({ failureThreshold: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(2 ** 31)), coolDownMs: fc.oneof(fc.nat(8), fc.constant(2 ** 31)) }),
      { minLength: 2, maxLength: 2 },
    ),
    fc.array(
      fc.tuple(fc.constantFrom(0, 1), fc.constantFrom('same', 'next', 'cool-down', 'later'), fc.integer({ min: -1, max: 1 }), fc.constantFrom('up', 'down', 'down')),
      { maxLength: 24, size: 'max' },
    ),
  )
  .map(([options, specs]): [Solution.BreakerOptions[], string[]] => {
    let now = 0;
    const last = [0, 0];
    const steps = specs.map(([i, gap, nudge, answer]) => {
      const coolDown = options[i]!.coolDownMs;
      const at = gap === 'same' ? now : gap === 'next' ? now + 1 : gap === 'later' ? now + 2 ** 32 : last[i]! + coolDown + nudge;
      now = Math.max(now, at);
      last[i] = now;
      return `${NAMES[i]}.call(${now}, ${answer})`;
    });
    return [options, steps];
  });

const describeStep = ({ outcome, requests }: StepResult) =>
  `return ${JSON.stringify(outcome)} having called request() ${requests === 0 ? 'not at all' : requests === 1 ? 'once' : `${requests} times`}`;

/** Names the first step where the learner's breakers answered otherwise, with the run before it as code. */
function judgeSteps(got: Answer<StepResult[]>, expected: Answer<StepResult[]>, [options, steps]: [Solution.BreakerOptions[], string[]]): string | null {
  if (!('returned' in expected)) return null;
  const setup = `${options.map((option, i) => `const ${NAMES[i]} = new CircuitBreaker({ failureThreshold: ${option.failureThreshold}, coolDownMs: ${option.coolDownMs} });`).join(' ')} const up = () => true, down = () => false;`;
  if ('threw' in got) return `threw: ${got.threw} (${setup})`;
  const at = expected.returned.findIndex((want, i) => want.outcome !== got.returned[i]?.outcome || want.requests !== got.returned[i]?.requests);
  if (at === -1) return null;
  const before = steps.slice(0, at);
  return `differs at step ${at + 1}: after ${setup}${before.length > 0 ? ` ${before.join('; ')};` : ''} the call ${steps[at]} should ${describeStep(expected.returned[at]!)}, but yours did ${describeStep(got.returned[at]!).replace('return', 'returned')}.`;
}

export default defineTests<Learner>((learner) => {
  test('opens after consecutive failures and calls nothing while open', () => {
    const breaker = new learner.CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000 });
    const backend = scriptedBackend([false, false, true, false, false, false]);
    const outcomes = [0, 10, 20, 30, 40, 50].map((now) => breaker.call(now, backend.request));
    expect(outcomes, 'outcomes at t = 0, 10, 20, 30, 40, 50 ms: a success resets the count; the third failure in a row opens the breaker').toEqual([
      'failure', 'failure', 'success', 'failure', 'failure', 'failure',
    ]);
    const whileOpen = [51, 500, 1049].map((now) => breaker.call(now, backend.request));
    expect(whileOpen, 'calls at t = 51, 500 and 1049 ms, while open since t = 50 ms').toEqual(['rejected', 'rejected', 'rejected']);
    expect(backend.calls(), 'backend calls: six before opening, none while open').toBe(6);
  });

  test('sends one probe after the cool-down and closes on success', () => {
    const breaker = new learner.CircuitBreaker({ failureThreshold: 2, coolDownMs: 500 });
    const backend = scriptedBackend([false, false, false, true, true, false]);
    const timeline = [0, 1, 501, 502, 1000, 1001, 1002, 1003];
    const outcomes = timeline.map((now) => breaker.call(now, backend.request));
    expect(outcomes, `outcomes at t = ${timeline.join(', ')} ms (opens at t = 1; the probe at t = 501 fails)`).toEqual([
      'failure', 'failure', // opens at t=1
      'failure', // t=501: the probe fails, so it opens again at t=501
      'rejected', 'rejected', // until t=1001
      'success', // t=1001: the probe succeeds and closes the breaker
      'success', 'failure', // closed again: one failure does not open it
    ]);
    expect(backend.calls(), 'backend calls: two failures, two probes, two calls after closing').toBe(6);
  });

  test('agrees with the reference on generated calls to two breakers', () => {
    checkAgainstReference({
      // Shown as runSteps([the options of a and b], [the calls in order]).
      name: 'runSteps', seed: 1651, runs: 80, inputs: breakerRuns, judge: judgeSteps,
      learner: runSteps((options) => new learner.CircuitBreaker(options)),
      reference: runSteps((options) => new Reference.CircuitBreaker(options)),
    });
  });

  test('against a backend that stays down: one probe per cool-down, nothing in between', () => {
    checkRuns(learner, false, (run) => {
      const calls = run.calls;
      if (calls.length <= failureThreshold) {
        return {
          property: `The breaker must let one probe through every ${coolDownMs} ms once it is open, but the backend received only ${calls.length} calls in ${GUARDED_BACKEND.untilMs} ms.`,
          trace: calls.map(callLine),
          evidence: calls,
        };
      }
      for (let i = failureThreshold; i < calls.length; i++) {
        const gap = calls[i]!.at - calls[i - 1]!.at;
        // A caller comes by every callEveryMs, so the first call after the cool-down comes within that.
        if (gap >= coolDownMs && gap < coolDownMs + GUARDED_BACKEND.callEveryMs) continue;
        const what =
          gap < coolDownMs
            ? `it reached the backend only ${gap} ms after the previous failure: an open breaker must reject every call for ${coolDownMs} ms without calling the backend`
            : `it came ${gap} ms after the previous failure: once the cool-down is over, the very next call must be let through as the probe`;
        return {
          property: `After ${failureThreshold} failures in a row, the backend must receive exactly one call (the probe) per cool-down, but call ${i + 1} broke that: ${what}.`,
          trace: calls.slice(Math.max(0, i - 4), i + 1).map(callLine),
          evidence: calls.slice(Math.max(0, i - 4), i + 1),
        };
      }
      return null;
    });
  });

  test('protects a recovering backend from a retry storm', () => {
    checkRuns(learner, true, (run) => {
      // What this test is about must have happened: the breaker held calls back, and calls reached the recovered backend.
      if (!run.outcomes.some((call) => call.backendCalls === 0)) {
        return {
          property: `Every one of the ${run.outcomes.length} breaker calls reached the backend, which was down until ${GUARDED_BACKEND.recoverAtMs} ms: the breaker never opened, so this test cannot judge whether it protects a recovering backend.`,
          trace: run.calls.slice(0, failureThreshold + 2).map(callLine),
          evidence: run.calls.slice(0, failureThreshold + 2),
        };
      }
      const served = run.calls.find((call) => call.state === 'serving');
      if (served === undefined) {
        return {
          property: `The backend came back at ${GUARDED_BACKEND.recoverAtMs} ms and was ready from ${run.servingFrom ?? 'never'} ms on, but no call reached it after that: a breaker must let calls through again once a probe succeeds.`,
          trace: run.calls.slice(-4).map(callLine),
          evidence: run.calls.slice(-4),
        };
      }
      if (run.servingFrom !== null && run.relapses.length === 0) return null;
      const firstRelapse = run.relapses[0];
      const warmUp = run.calls.filter((call) => call.state === 'warming' && (firstRelapse === undefined || call.at <= firstRelapse));
      return {
        property: `The backend comes back at ${GUARDED_BACKEND.recoverAtMs} ms and needs ${GUARDED_BACKEND.warmUpMs} ms of warm-up with at most ${GUARDED_BACKEND.warmUpCapacity} calls, but ${run.relapses.length === 0 ? 'it never finished warming up' : `the callers knocked it over ${run.relapses.length} times`}: an open breaker must stop calling a failing backend so it can recover.`,
        trace: [
          `t=${GUARDED_BACKEND.recoverAtMs}ms  the backend comes back and warms up`,
          ...warmUp.slice(0, GUARDED_BACKEND.warmUpCapacity + 2).map(callLine),
          ...(firstRelapse === undefined ? [] : [`t=${firstRelapse}ms  too many calls while warming up: the backend falls over and restarts (${GUARDED_BACKEND.restartMs} ms)`]),
        ],
        evidence: warmUp.slice(0, GUARDED_BACKEND.warmUpCapacity + 2),
      };
    });
  });
});
