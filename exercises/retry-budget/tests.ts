import { checkAgainstReference, defineTests, expect, fc, PropertyViolation, recordRun, sharedRuns, test, type Answer } from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';
import {
  ATTEMPT_LIMIT, CLIENTS, GOODPUT_FLOOR, LOSS, MAX_DELAY_MS, POLICY_OPTIONS, REQUESTS_UNTIL_MS, RESTART, SERVICE_MS, SLOT_MS, SLOWDOWN, describeAnswer, goodputPerSlot, plainDelay, recoveredAt, refusedByRestart, restartRun, retryOverloadRun,
  type RetryOverloadRun,
} from '../../src/scenarios/retry-overload.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const RECOVERY_BOUND_MS = 1000;
const MAX_AMPLIFICATION = 1.2;
const LATE_FROM_MS = 3000;
const LATE_SUCCESS_FLOOR = 0.98;
/** The share of the requests the restart refused together that must still succeed. */
const RESTART_SUCCESS_FLOOR = 2 / 3;
/** The failure shows the attempts after the restart in slots this long, as far as a retry after two failures can come. */
const BURST_SLOT_MS = 50;
const BURST_SLOTS = 12;

/** An rng that always returns `value`. */
const always = (value: number) => () => value;

/** What `onFailure` answered, as the tests compare it: a delay, `null`, or a description of anything else. */
function delayOf(answer: unknown): number | null | string {
  const delay = plainDelay(answer);
  return delay === 'invalid' ? `${describeAnswer(answer)} (not null nor a whole number of ms from 0 to ${MAX_DELAY_MS})` : delay;
}

/** 'retry' for a delay, null for giving up, or what is wrong with the answer. */
function kind(answer: unknown): 'retry' | null | string {
  const delay = delayOf(answer);
  return typeof delay === 'number' ? 'retry' : delay;
}

/** "a delay (…)", "null" or the invalid answer itself. */
function said(answer: number | null | string): string {
  return answer === null ? 'null' : typeof answer === 'number' ? `a delay (${answer})` : answer;
}

// ---- The generated conversations ----

type Call = ['success', number] | ['failure', number, number, number];
type Options = Solution.RetryOptions;

/** The prompt's domain: whole numbers, `maxAttempts` 1–1000, `capacity` 0–2^40, `retryCost` 1–2^30. */
const options = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(1000)),
    fc.oneof(fc.integer({ min: 1, max: 25 }), fc.constant(2 ** 30)),
    fc.oneof(fc.nat(60), fc.nat(4), fc.constant(2 ** 10)),
  )
  // The capacity is often a whole number of retries (a boundary for the bucket), one more or one fewer, sometimes anything.
  .chain(([maxAttempts, retryCost, n]) =>
    fc
      .constantFrom(n, n * retryCost, n * retryCost + 1, Math.max(0, n * retryCost - 1), 2 ** 40)
      .map((capacity): Options => ({ maxAttempts, capacity: Math.min(capacity, 2 ** 40), retryCost })),
  );

const conversations = fc.tuple(
  options,
  options,
  fc.array(
    fc.oneof(
      { arbitrary: fc.tuple(fc.constant('success' as const), fc.nat(1)), weight: 2 },
      {
        arbitrary: fc.tuple(fc.constant('failure' as const), fc.nat(1), fc.integer({ min: 1, max: 6 }), fc.oneof(fc.constantFrom(0, 0.5, 1 - 2 ** -53), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }))),
        weight: 3,
      },
    ),
    { maxLength: 30 },
  ),
);

/** Runs the calls on two policies side by side; a success answers 'ok', a failure what it returned. */
function converseWith(make: (options: Options) => { onSuccess(): unknown; onFailure(attempts: number, rng: () => number): unknown }) {
  return (a: Options, b: Options, calls: Call[]): (number | null | string)[] => {
    const policies = [make(a), make(b)];
    return calls.map((call) => {
      const policy = policies[call[1]]!;
      if (call[0] === 'success') {
        policy.onSuccess();
        return 'ok';
      }
      return delayOf(policy.onFailure(call[2], always(call[3])));
    });
  };
}

const NAMES = ['a', 'b'];
const describeCall = (call: Call) => (call[0] === 'success' ? `${NAMES[call[1]]}.onSuccess()` : `${NAMES[call[1]]}.onFailure(${call[2]}, () => ${call[3]})`);

/** The first call where the learner's answer is not the reference's kind of answer: null where it gives up, a valid delay where it retries. */
function judgeConversation(got: Answer<(number | null | string)[]>, expected: Answer<(number | null | string)[]>, [a, b, calls]: [Options, Options, Call[]]): string | null {
  if (!('returned' in expected)) return null;
  const setup = `const a = new RetryPolicy(${JSON.stringify(a)}), b = new RetryPolicy(${JSON.stringify(b)});`;
  if ('threw' in got) return `threw: ${got.threw} (${setup})`;
  for (const [i, call] of calls.entries()) {
    const want = expected.returned[i];
    const answer = got.returned[i];
    const right = want === 'ok' ? answer === 'ok' : want === null ? answer === null : typeof answer === 'number';
    if (right) continue;
    const before = calls.slice(0, i).map(describeCall);
    return `differs at call ${i + 1}: after ${setup}${before.length > 0 ? ` ${before.join('; ')};` : ''} ${describeCall(call)} should return ${want === null ? 'null' : 'a whole number of ms from 0 to 1000'}, but yours returned ${answer === undefined ? 'nothing' : said(answer)}.`;
  }
  return null;
}

// ---- The simulation's evidence ----

const slotLines = (slots: readonly number[]) => slots.map((count, i) => `t=${i * SLOT_MS}–${(i + 1) * SLOT_MS}ms  ${count} requests succeed${i * SLOT_MS >= SLOWDOWN.startMs && i * SLOT_MS < SLOWDOWN.endMs ? '  (slowdown)' : ''}`);

/** The run with these requests' messages and timers highlighted (each carries its request's id): the failure's evidence. */
function runShowing(run: RetryOverloadRun, requests: readonly { readonly id: number }[]) {
  const ids = new Set(requests.map((request) => request.id));
  const evidence = run.sim.trace.events().filter((event) => {
    if (event.kind === 'timer') return typeof event.data === 'number' && ids.has(event.data);
    const message = event.kind === 'deliver' || event.kind === 'drop' ? (event.data as { id?: unknown } | undefined) : undefined;
    return typeof message?.id === 'number' && ids.has(message.id);
  });
  return recordRun(run.sim, run.seed, evidence);
}

/** Every judged run must have a policy that answered sensibly. */
function checkAnswers(run: RetryOverloadRun): void {
  if (run.invalidAnswers.length > 0) {
    throw new PropertyViolation({
      property: `onFailure must return null or a whole number of ms from 0 to ${MAX_DELAY_MS}, but ${run.invalidAnswers[0]} (the client gave up on that request).`,
      seed: run.seed,
      trace: run.invalidAnswers.slice(0, 5),
    });
  }
  if (run.cutOff > 0) {
    throw new PropertyViolation({
      property: `With maxAttempts ${POLICY_OPTIONS.maxAttempts}, onFailure must return null once a request has made ${POLICY_OPTIONS.maxAttempts} attempts, but your policy still asked for a retry after attempt ${ATTEMPT_LIMIT} of ${run.cutOff} requests (the clients stopped them there).`,
      seed: run.seed,
      trace: [],
    });
  }
}

/** Every judged overload run must have a policy that answered sensibly, and an overload that really happened. */
function checkOverload(run: RetryOverloadRun): void {
  checkAnswers(run);
  const forNobody = run.served.filter((s) => !s.wanted && s.atMs >= SLOWDOWN.startMs && s.atMs < SLOWDOWN.endMs).length;
  const slots = goodputPerSlot(run);
  const slowest = Math.min(...slots.slice(SLOWDOWN.startMs / SLOT_MS, SLOWDOWN.endMs / SLOT_MS));
  if (forNobody >= 10 && slowest < GOODPUT_FLOOR) return;
  throw new PropertyViolation({
    property: `This run did not produce the overload under test — during the slowdown (${SLOWDOWN.startMs}–${SLOWDOWN.endMs} ms) goodput should fall below ${GOODPUT_FLOOR} per ${SLOT_MS} ms and the server should serve at least 10 requests whose clients had stopped waiting, but it served ${forNobody} and the slowest slot had ${slowest} successes — so it cannot judge how the clients' retries let the server recover.`,
    seed: run.seed,
    trace: slotLines(slots).slice(0, 6),
  });
}

function recovers(run: RetryOverloadRun): void {
  const slots = goodputPerSlot(run);
  const at = recoveredAt(slots, GOODPUT_FLOOR);
  if (at !== null && at - SLOWDOWN.endMs <= RECOVERY_BOUND_MS) return;
  const after = run.served.filter((s) => s.atMs >= SLOWDOWN.endMs + RECOVERY_BOUND_MS && s.atMs < REQUESTS_UNTIL_MS);
  const wasted = after.filter((s) => !s.wanted).length;
  const when = at === null ? 'it never did before the clients stopped at 6000 ms' : `it took until ${at} ms`;
  throw new PropertyViolation({
    property: `The slowdown ended at ${SLOWDOWN.endMs} ms; goodput should be back to ${GOODPUT_FLOOR} successful requests per ${SLOT_MS} ms by ${SLOWDOWN.endMs + RECOVERY_BOUND_MS} ms and stay there, but ${when}. From ${SLOWDOWN.endMs + RECOVERY_BOUND_MS} ms the server finished ${after.length} requests, ${wasted} of them for clients that had already timed out, and it rejected ${run.rejectedAt.length} attempts with a full queue: the clients sent ${run.attemptsAt.length} attempts for ${run.requests.length} requests, and those retries kept it overloaded after the slowdown was over.`,
    seed: run.seed,
    trace: slotLines(slots).slice(SLOWDOWN.startMs / SLOT_MS - 1),
    // The first attempts the server finished for clients that had already timed out.
    run: runShowing(run, after.filter((s) => !s.wanted).slice(0, 3)),
  });
}

function amplificationWithin(run: RetryOverloadRun): void {
  const attempts = run.attemptsAt.length;
  const requests = run.requests.length;
  if (attempts <= MAX_AMPLIFICATION * requests) return;
  const inSlowdown = run.attemptsAt.filter((t) => t >= SLOWDOWN.startMs && t < SLOWDOWN.endMs + RECOVERY_BOUND_MS).length;
  throw new PropertyViolation({
    property: `The clients may send at most ${MAX_AMPLIFICATION} attempts per request, but they sent ${attempts} for ${requests} requests (${(attempts / requests).toFixed(2)} per request): without a budget that runs dry, every failing request costs the server up to ${POLICY_OPTIONS.maxAttempts} attempts, just when it has least to spare.`,
    seed: run.seed,
    trace: [
      `t=${SLOWDOWN.startMs}ms  the server slows down`,
      `t=${SLOWDOWN.endMs}ms  the server is back to full speed`,
      `${inSlowdown} attempts were sent from ${SLOWDOWN.startMs} to ${SLOWDOWN.endMs + RECOVERY_BOUND_MS} ms, when about ${((SLOWDOWN.endMs + RECOVERY_BOUND_MS - SLOWDOWN.startMs) / 1000) * 60} requests started`,
    ],
    // The requests that made the most attempts.
    run: runShowing(run, [...run.requests].sort((a, b) => b.attempts - a.attempts || a.id - b.id).slice(0, 3)),
  });
}

function lateRequestsSucceed(run: RetryOverloadRun): void {
  const late = run.requests.filter((r) => r.startedAt >= LATE_FROM_MS);
  const failed = late.filter((r) => r.succeededAt === null);
  if (late.length - failed.length >= LATE_SUCCESS_FLOOR * late.length) return;
  const once = failed.filter((r) => r.attempts === 1).length;
  const why =
    once * 2 >= failed.length
      ? 'A policy that gives up on the first failure — because it never retries, or because its budget is still empty seconds after the slowdown — turns every lost message into a failed request.'
      : 'Most of them failed on every attempt: the server was still overloaded.';
  throw new PropertyViolation({
    property: `Links lose ${LOSS * 100}% of messages, and a retry usually gets through: at least ${LATE_SUCCESS_FLOOR * 100}% of the ${late.length} requests started from ${LATE_FROM_MS} ms on should succeed, long after the slowdown, but ${failed.length} failed, ${once} of them after a single attempt. ${why}`,
    seed: run.seed,
    trace: failed.slice(0, 8).map((r) => `t=${r.startedAt}ms  ${r.client} starts request ${r.id}; ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, then ${r.gaveUpAt === null ? 'no answer' : `gives up at ${r.gaveUpAt} ms`}`),
    run: runShowing(run, failed.slice(0, 3)),
  });
}

function restartAbsorbed(run: RetryOverloadRun): void {
  checkAnswers(run);
  const caught = refusedByRestart(run);
  const batch = CLIENTS * RESTART.requestsPerClient;
  if (caught.length < batch) {
    throw new PropertyViolation({
      property: `This run did not produce the failure under test — the restart (${RESTART.atMs}–${RESTART.backMs} ms) should refuse at least the ${batch} requests the clients start at ${RESTART.atMs} ms, but it refused ${caught.length} — so it cannot judge how the clients' retries come back.`,
      seed: run.seed,
      trace: [],
    });
  }
  const failed = caught.filter((r) => r.succeededAt === null);
  if (caught.length - failed.length >= RESTART_SUCCESS_FLOOR * caught.length) return;
  // What the server saw after the restart: the attempts it got and the ones its full queue turned away, slot by slot.
  const slots = Array.from({ length: BURST_SLOTS }, (_, i) => RESTART.atMs + i * BURST_SLOT_MS);
  const within = (times: readonly number[], from: number) => times.filter((t) => t >= from && t < from + BURST_SLOT_MS).length;
  const refusedAt = run.refused.map((r) => r.atMs);
  const lines = slots.map((from) => {
    const sent = within(run.attemptsAt, from);
    const refusedThen = within(refusedAt, from);
    return `t=${from}–${from + BURST_SLOT_MS}ms  the clients send ${sent} attempt${sent === 1 ? '' : 's'}; ${within(run.rejectedAt, from)} find the queue full${refusedThen > 0 ? `, ${refusedThen} are refused by the restarting server` : ''}`;
  });
  const busiest = slots.reduce((best, from) => (within(run.rejectedAt, from) > within(run.rejectedAt, best) ? from : best));
  const once = failed.filter((r) => r.attempts === 1).length;
  const refusedAgain = run.refused.filter((r) => r.attempt > 1).length;
  const why =
    once * 2 >= failed.length
      ? `${once} of them were never retried: the clients can afford ${POLICY_OPTIONS.capacity / POLICY_OPTIONS.retryCost} retries each, and these requests got none.`
      : refusedAgain >= slots.reduce((sum, from) => sum + within(run.rejectedAt, from), 0)
        ? `Their retries came back before the server did: it refused ${refusedAgain} of them again, which spent the clients' tokens.`
        : `Their retries came back together: from ${busiest} to ${busiest + BURST_SLOT_MS} ms the clients sent ${within(run.attemptsAt, busiest)} attempts and ${within(run.rejectedAt, busiest)} of them found the queue full, which spent the clients' tokens. Retries that failed at the same instant and wait the same time arrive at the same instant; spread out by randomness, they fit.`;
  throw new PropertyViolation({
    property: `At ${RESTART.atMs} ms the server restarted and refused ${caught.length} requests at once, the ${batch} the clients had just started among them. It was back ${RESTART.backMs - RESTART.atMs} ms later, serving ${1000 / SERVICE_MS} requests a second with room for ${RESTART.queueLimit} waiting. At least two thirds of the refused requests should still succeed, but ${failed.length} of the ${caught.length} failed. ${why}`,
    seed: run.seed,
    trace: lines,
    run: runShowing(run, failed.slice(0, 3)),
  });
}

export default defineTests<Learner>((learner) => {
  // The three simulation tests judge the same runs of the learner's policy: each seed runs (twice) once per grading.
  const runs = sharedRuns((seed) => retryOverloadRun(() => new learner.RetryPolicy({ ...POLICY_OPTIONS }), seed));
  const judged = (check: (run: RetryOverloadRun) => void) => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      checkOverload(run);
      check(run);
    }
  };
  // The restart test judges its own runs of the learner's policy, in the same way.
  const restarts = sharedRuns((seed) => restartRun(() => new learner.RetryPolicy({ ...POLICY_OPTIONS }), seed));

  test('gives up once a request has made maxAttempts attempts, without spending a token', () => {
    const rng = always(0.5);
    const policy = new learner.RetryPolicy({ maxAttempts: 3, capacity: 20, retryCost: 10 });
    const answers = [1, 2, 3, 4].map((attempts) => kind(policy.onFailure(attempts, rng)));
    expect(answers, 'maxAttempts 3, capacity 20, retryCost 10: failures of attempts 1, 2, 3 and 4').toEqual(['retry', 'retry', null, null]);
    const fresh = new learner.RetryPolicy({ maxAttempts: 2, capacity: 10, retryCost: 10 });
    const last = kind(fresh.onFailure(2, rng));
    expect(last, 'maxAttempts 2, capacity 10, retryCost 10: a failure of attempt 2').toBe(null);
    expect(kind(fresh.onFailure(1, rng)), 'the same policy, then a failure of attempt 1: the token is still in the bucket').toBe('retry');
  });

  test('a retry spends retryCost tokens, a success earns one, and the bucket holds at most capacity', () => {
    const rng = always(0.5);
    const policy = new learner.RetryPolicy({ maxAttempts: 5, capacity: 20, retryCost: 10 });
    const steps: string[] = [];
    const fail = () => {
      const answer = kind(policy.onFailure(1, rng));
      steps.push(`onFailure(1) → ${answer === 'retry' ? 'a delay' : String(answer)}`);
      return answer;
    };
    const succeed = (times: number) => {
      for (let i = 0; i < times; i++) policy.onSuccess();
      steps.push(`${times} × onSuccess()`);
    };
    const trail = () => `capacity 20, retryCost 10; ${steps.join(', ')}`;
    expect([fail(), fail(), fail()], `${trail()}: a full bucket of 20 pays for two retries`).toEqual(['retry', 'retry', null]);
    succeed(9);
    expect(fail(), `${trail()}: 9 tokens are not enough`).toBe(null);
    succeed(1);
    expect([fail(), fail()], `${trail()}: the 10th token pays for one retry`).toEqual(['retry', null]);
    succeed(100);
    expect([fail(), fail(), fail()], `${trail()}: the bucket never holds more than 20`).toEqual(['retry', 'retry', null]);
  });

  test('two policies side by side agree with the reference on generated successes and failures', () => {
    checkAgainstReference({
      // Shown as conversation(options of a, options of b, [calls]); a failure's rng always returns the number shown.
      name: 'conversation', seed: 1705, runs: 150, inputs: conversations, judge: judgeConversation,
      learner: converseWith((o) => new learner.RetryPolicy(o)),
      reference: converseWith((o) => new Reference.RetryPolicy(o)),
    });
  });

  test("goodput is back within 1000 ms of the slowdown's end and stays there", () => judged(recovers));

  test('the clients send at most 1.2 attempts per request', () => judged(amplificationWithin));

  test('retries still cover lost messages: at least 98% of requests started from 3000 ms on succeed', () => judged(lateRequestsSucceed));

  test('after a restart refuses many requests at once, at least two thirds of them still succeed', () => {
    for (const seed of SEEDS) restartAbsorbed(restarts(seed));
  });
});
