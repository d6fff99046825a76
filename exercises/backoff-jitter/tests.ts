import { defineTests, test, expect, PropertyViolation, runTwice, recordRun, checkAgainstReference, fc, type Answer } from '../../src/testkit/index.ts';
import { RETRY_STORM, requestsPerSlot, retryStormRun, type RetryStormRun } from '../../src/scenarios/retry-storm.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

/** An rng that always returns `value` and counts how often it was asked. */
function fixedRng(value: number): { rng: () => number; calls: () => number } {
  let calls = 0;
  return {
    rng: () => {
      calls += 1;
      return value;
    },
    calls: () => calls,
  };
}

/** At most this many requests may reach the recovered server in one slot. */
const MAX_PER_SLOT = 30;
const STORM_SEEDS = [1, 2, 3];

function checkStorm(run: RetryStormRun): void {
  const { clients: everyone } = RETRY_STORM;
  // The property is about retries reaching the recovered server: every client must have got through.
  if (run.servedClients < everyone) {
    throw new PropertyViolation({
      property: `Every one of the ${everyone} clients keeps retrying until the recovered server answers it, but the server heard from only ${run.servedClients}: the others gave up (or never retried) within 10 retries.`,
      seed: run.seed,
      trace: [`t=${RETRY_STORM.recoverAtMs}ms  the server recovers`, `t=${RETRY_STORM.untilMs}ms  the run ends; ${everyone - run.servedClients} clients never reached the server`],
    });
  }
  const crowded = requestsPerSlot(run.arrivals).filter(([, count]) => count > MAX_PER_SLOT);
  if (crowded.length === 0) return;
  const { clients, slotMs, recoverAtMs, timeoutMs } = RETRY_STORM;
  // The evidence: the requests that reached the server together in the first crowded slot.
  const [first] = crowded[0]!;
  const together = run.sim.trace.events().filter((event) => event.kind === 'deliver' && event.to === 'server' && event.time >= first && event.time < first + slotMs);
  throw new PropertyViolation({
    property: `After the server recovers, no ${slotMs} ms slot may receive more than ${MAX_PER_SLOT} of the ${clients} clients' requests, but ${crowded.length} slot${crowded.length === 1 ? ' does' : 's do'}: clients that failed together are retrying together.`,
    seed: run.seed,
    trace: [
      `t=0ms  the server is down; ${clients} clients send a request and time out after ${timeoutMs} ms`,
      `t=${recoverAtMs}ms  the server recovers`,
      ...crowded.map(([slot, count]) => `t=${slot}–${slot + slotMs - 1}ms  ${count} requests reach the server`),
    ],
    run: recordRun(run.sim, run.seed, together),
  });
}

/** What one call did: the delay it returned and how often it called rng(). */
interface Drawn {
  readonly delay: number | null;
  readonly rngCalls: number;
}

/** Calls `backoffDelay` with a fresh rng that always returns `draw`, counting its calls. */
function drawnWith(backoffDelay: Learner['backoffDelay']): (attempt: number, draw: number, options: Solution.BackoffOptions) => Drawn {
  return (attempt, draw, options) => {
    const { rng, calls } = fixedRng(draw);
    const delay = backoffDelay(attempt, rng, options);
    return { delay, rngCalls: calls() };
  };
}

/**
 * The prompt's whole domain: attempts from 0 up past 31 (where 1 << attempt wraps) and past 1024 (where
 * 2 ** attempt is Infinity), maxAttempts at the attempt, one either side of it or anywhere, base and cap from
 * 1 ms up to 2^40 ms (cap below the base too), draws of 0, just below 1, quarters and any double in [0, 1),
 * and a Retry-After absent, 0, exactly the jittered draw, one either side of it, or beyond the cap.
 */
const delayInputs = fc
  .tuple(
    fc.oneof(fc.nat(12), fc.integer({ min: 25, max: 70 }), fc.constantFrom(1023, 1024, 1100)),
    fc.oneof(fc.constantFrom(0, 1 - 2 ** -53), fc.nat(3).map((q) => q / 4), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
    fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constantFrom(1, 2 ** 40)),
    fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(1, 2 ** 40)),
    fc.oneof(fc.integer({ min: -2, max: 2 }).map((offset) => ({ offset })), fc.nat(2000).map((max) => ({ max }))),
    fc.option(fc.oneof(fc.constantFrom('zero', 'beyond cap'), fc.integer({ min: -1, max: 1 })), { nil: undefined }),
  )
  .map(([attempt, draw, baseMs, capMs, limit, after]): [number, number, Solution.BackoffOptions] => {
    const maxAttempts = 'max' in limit ? limit.max : Math.max(0, attempt + limit.offset);
    const options: Solution.BackoffOptions = { baseMs, capMs, maxAttempts };
    if (after === undefined) return [attempt, draw, options];
    const jittered = Math.floor(draw * Math.min(capMs, baseMs * 2 ** attempt));
    const retryAfterMs = after === 'zero' ? 0 : after === 'beyond cap' ? capMs + baseMs : Math.max(0, jittered + after);
    return [attempt, draw, { ...options, retryAfterMs }];
  });

/** Says what differs in the learner's words: the delay, and how often rng() was called. */
function judgeDrawn(got: Answer<Drawn>, expected: Answer<Drawn>, [, draw]: [number, number, Solution.BackoffOptions]): string | null {
  if (!('returned' in expected)) return null;
  const want = expected.returned;
  const should = `with rng() returning ${draw} — should return ${want.delay} and call rng() ${want.rngCalls === 1 ? 'once' : 'not at all'}`;
  if ('threw' in got) return `${should}, but yours threw: ${got.threw}`;
  const { delay, rngCalls } = got.returned;
  if (delay !== want.delay) return `${should}, but yours returned ${delay}.`;
  if (rngCalls !== want.rngCalls) return `${should}, but yours called it ${rngCalls} times.`;
  return null;
}

export default defineTests<Learner>((learner) => {
  test('draws each delay from the full-jitter window', () => {
    const options = { baseMs: 100, capMs: 10_000, maxAttempts: 8 };
    const expected: Record<number, number[]> = {
      0: [0, 0, 0, 0, 0, 0],
      0.3: [30, 60, 120, 240, 480, 960],
      0.5: [50, 100, 200, 400, 800, 1600],
      0.999: [99, 199, 399, 799, 1598, 3196],
    };
    for (const [value, delays] of Object.entries(expected)) {
      const { rng, calls } = fixedRng(Number(value));
      const actual = delays.map((_, attempt) => learner.backoffDelay(attempt, rng, options));
      expect(actual, `delays for attempts 0–5 when rng() returns ${value}`).toEqual(delays);
      expect(calls(), 'rng() must be called exactly once per delay').toBe(delays.length);
    }
  });

  test('never waits capMs or longer', () => {
    const options = { baseMs: 100, capMs: 1000, maxAttempts: 12 };
    const { rng } = fixedRng(1 - 2 ** -53);
    const late = [4, 5, 8, 11].map((attempt) => learner.backoffDelay(attempt, rng, options));
    expect(late, 'delays for attempts 4, 5, 8 and 11 when rng() is just below 1').toEqual([999, 999, 999, 999]);
  });

  test('gives up with null once attempt reaches maxAttempts', () => {
    const options = { baseMs: 100, capMs: 10_000, maxAttempts: 3 };
    const { rng, calls } = fixedRng(0.5);
    expect(learner.backoffDelay(2, rng, options), 'attempt 2 of 3').toBe(200);
    expect(learner.backoffDelay(3, rng, options), 'attempt 3 with maxAttempts = 3').toBe(null);
    expect(learner.backoffDelay(7, rng, options), 'attempt 7 with maxAttempts = 3').toBe(null);
    expect(calls(), 'rng() is not needed once the client gives up').toBe(1);
  });

  test('waits at least the Retry-After a server sent', () => {
    const options = { baseMs: 100, capMs: 1000, maxAttempts: 5 };
    const { rng, calls } = fixedRng(0.5);
    // Attempt 2: the window is 400 ms and the jittered draw 200 ms.
    const delays = [undefined, 0, 150, 300, 2500].map((retryAfterMs) => learner.backoffDelay(2, rng, retryAfterMs === undefined ? options : { ...options, retryAfterMs }));
    expect(delays, 'attempt 2 with rng() at 0.5 and Retry-After none, 0, 150, 300 and 2500 ms').toEqual([200, 200, 200, 300, 2500]);
    expect(calls(), 'rng() is called once per delay, whoever wins').toBe(5);
    expect(learner.backoffDelay(5, rng, { ...options, retryAfterMs: 300 }), 'attempt 5 with maxAttempts = 5, even with a Retry-After').toBe(null);
  });

  test('agrees with the reference on generated attempts, windows and Retry-After values', () => {
    checkAgainstReference({
      // The rng is data here (the one value it returns), shown in its place; each side gets a fresh, counting rng.
      name: 'backoffDelay', seed: 1601, runs: 200, inputs: delayInputs,
      learner: drawnWith(learner.backoffDelay), reference: drawnWith(Reference.backoffDelay), judge: judgeDrawn,
    });
  });

  test('spreads a retry storm after an outage', () => {
    const policy = (attempt: number, rng: () => number) => learner.backoffDelay(attempt, rng, { ...RETRY_STORM.backoff });
    for (const seed of STORM_SEEDS) checkStorm(runTwice(seed, (stormSeed) => retryStormRun(policy, stormSeed)));
  });
});
