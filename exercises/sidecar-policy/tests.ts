import { defineTests, test, expect, checkAgainstReference, fc, sameData, show, type Answer } from '../../src/testkit/index.ts';
import { flakyUpstream, meshTraffic, retryableStatus, type MeshRequest, type SidecarConfig, type UpstreamReply } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const CONFIG: SidecarConfig = { allow: ['web', 'billing'], timeoutMs: 100, maxRetries: 2 };
const request = (method: MeshRequest['method'], caller = 'web'): MeshRequest => ({ id: 1, caller, method, path: '/orders/7' });

/** An upstream that gives these answers, one per attempt, and remembers the attempts it saw. */
function scripted(replies: readonly UpstreamReply[]) {
  const attempts: number[] = [];
  return {
    attempts,
    reply: (sent: MeshRequest, attempt: number): UpstreamReply => {
      attempts.push(attempt);
      const reply = replies[attempts.length - 1];
      if (reply === undefined) {
        throw new Error(
          replies.length === 0
            ? `the sidecar called the upstream for ${sent.method} from "${sent.caller}", which the allow-list should have refused before any attempt`
            : `the sidecar sent attempt ${attempt + 1} for ${sent.method} after the upstream answered ${answers(replies)}, but should have stopped after ${replies.length}`,
        );
      }
      return { ...reply };
    },
  };
}

const answers = (replies: readonly UpstreamReply[]) =>
  replies.map((r) => `${r.status} after ${r.latencyMs} ms${r.retryAfterMs === undefined ? '' : ` (Retry-After ${r.retryAfterMs} ms)`}`).join(', then ');

function expectHandled(learner: Learner, req: MeshRequest, replies: readonly UpstreamReply[], expected: { status: number; attempts: number; elapsedMs: number }, config = CONFIG) {
  const upstream = scripted(replies);
  const what = `${req.method} from "${req.caller}" (allow-list ${JSON.stringify(config.allow)}, timeout ${config.timeoutMs} ms, maxRetries ${config.maxRetries}) when the upstream answers ${answers(replies)}`;
  const got = learner.handle(config, { ...req }, upstream.reply);
  // Judged on what the upstream itself saw, then on what the sidecar reports.
  expect(upstream.attempts.length, `attempts the upstream saw for ${what}`).toBe(expected.attempts);
  expect(upstream.attempts, `attempt numbers the upstream was given for ${what}`).toEqual(expected.attempts === 0 ? [] : Array.from({ length: expected.attempts }, (_, i) => i));
  expect(got, what).toEqual(expected);
}

/** What one side did with a generated request: its answer, and the attempt numbers its upstream was called with. */
interface Handled {
  result: Solution.SidecarResult;
  upstreamSaw: number[];
}

/** What the upstream answers to an attempt past the generated replies: a 200 at once, so any loop ends. */
const PAST_THE_LIST: UpstreamReply = { status: 200, latencyMs: 0 };

/**
 * `handle` with an upstream made fresh for each side from the generated replies: attempt i gets reply i, and
 * every attempt past the list gets a 200 at once.
 */
function withReplies(handle: Learner['handle']) {
  return (config: SidecarConfig, request: MeshRequest, replies: UpstreamReply[]): Handled => {
    const upstreamSaw: number[] = [];
    const result = handle(config, request, (_sent, attempt) => {
      upstreamSaw.push(attempt);
      return { ...(replies[upstreamSaw.length - 1] ?? PAST_THE_LIST) };
    });
    return { result, upstreamSaw };
  };
}

/** The attempts the upstream saw, then the answer, as the reference's; what differs first, in one sentence. */
function judgeHandled(got: Answer<Handled>, expected: Answer<Handled>): string | null {
  if (!('returned' in expected)) return null;
  const want = expected.returned;
  const upstream = `(the upstream answering attempt i with reply i of the list, and ${show(PAST_THE_LIST)} after its end)`;
  if ('threw' in got) return `${upstream} should return ${show(want.result)}, but yours threw: ${got.threw}`;
  const mine = got.returned;
  if (!sameData(mine.upstreamSaw, want.upstreamSaw)) return `${upstream} should call the upstream for the attempts ${show(want.upstreamSaw)}, but yours called it for ${show(mine.upstreamSaw)}.`;
  if (!sameData(mine.result, want.result)) return `${upstream} should return ${show(want.result)}, but yours returned ${show(mine.result)}.`;
  return null;
}

/** Callers and allow-lists from names that differ by a prefix, a suffix or a capital. */
const CALLERS = ['web', 'billing', 'Billing', 'billing-v2', 'bill'];
/** The statuses that matter by hand (every retryable one, the final 4xx, 5xx beyond 504), or any status. */
const status = fc.oneof(fc.constantFrom(200, 201, 204, 400, 403, 404, 408, 409, 418, 429, 499, 500, 501, 502, 503, 504, 505, 599), fc.integer({ min: 200, max: 599 }));

/**
 * A config (allow-lists of 0 to 3 names, timeouts of 0 ms up, 0 to 4 retries or 9), a request of any method
 * from any caller, and the upstream's replies to the first 1 to 6 attempts: latencies often exactly at the
 * timeout or 1 ms either side, a Retry-After of 0 ms up on some.
 */
const handleInputs = fc
  .tuple(
    fc.record({
      allow: fc.uniqueArray(fc.constantFrom(...CALLERS), { maxLength: 3 }),
      timeoutMs: fc.oneof(fc.constantFrom(0, 1, 100), fc.nat(500)),
      maxRetries: fc.oneof(fc.nat(4), fc.constant(9)),
    }),
    fc.record({ id: fc.nat(1000), caller: fc.constantFrom(...CALLERS), method: fc.constantFrom<MeshRequest['method']>('GET', 'PUT', 'DELETE', 'POST'), path: fc.constant('/orders/7') }),
    fc.array(
      fc.record({
        status,
        // Milliseconds past the timeout (−1, 0 or +1), or any latency.
        latency: fc.oneof(fc.integer({ min: -1, max: 1 }).map((pastTimeout) => ({ pastTimeout })), fc.nat(600).map((ms) => ({ ms }))),
        retryAfterMs: fc.option(fc.oneof(fc.constant(0), fc.nat(50)), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([config, request, specs]): [SidecarConfig, MeshRequest, UpstreamReply[]] => {
    const replies = specs.map(({ status, latency, retryAfterMs }) => {
      const latencyMs = 'ms' in latency ? latency.ms : Math.max(0, config.timeoutMs + latency.pastTimeout);
      return retryAfterMs === undefined ? { status, latencyMs } : { status, latencyMs, retryAfterMs };
    });
    return [config, request, replies];
  });

export default defineTests<Learner>((learner) => {
  test('a caller outside the allow-list gets 403 and the upstream is never called', () => {
    expectHandled(learner, request('GET', 'reports'), [], { status: 403, attempts: 0, elapsedMs: 0 });
    expectHandled(learner, request('GET', 'billing-v2'), [], { status: 403, attempts: 0, elapsedMs: 0 });
    expectHandled(learner, request('GET', 'billing'), [{ status: 200, latencyMs: 12 }], { status: 200, attempts: 1, elapsedMs: 12 });
  });

  test('an answer slower than timeoutMs becomes 504 after exactly timeoutMs', () => {
    expectHandled(learner, request('POST'), [{ status: 200, latencyMs: 100 }], { status: 200, attempts: 1, elapsedMs: 100 });
    expectHandled(learner, request('POST'), [{ status: 200, latencyMs: 101 }], { status: 504, attempts: 1, elapsedMs: 100 });
    expectHandled(learner, request('GET'), [{ status: 200, latencyMs: 300 }, { status: 200, latencyMs: 20 }], { status: 200, attempts: 2, elapsedMs: 120 });
  });

  test('idempotent requests are retried after a 5xx, a timeout, a 408 or a 429, up to maxRetries times', () => {
    expectHandled(learner, request('GET'), [{ status: 503, latencyMs: 2 }, { status: 502, latencyMs: 3 }, { status: 200, latencyMs: 10 }], { status: 200, attempts: 3, elapsedMs: 15 });
    expectHandled(learner, request('PUT'), [{ status: 503, latencyMs: 2 }, { status: 200, latencyMs: 500 }, { status: 503, latencyMs: 4 }], { status: 503, attempts: 3, elapsedMs: 106 });
    expectHandled(learner, request('DELETE'), [{ status: 500, latencyMs: 5 }, { status: 204, latencyMs: 5 }], { status: 204, attempts: 2, elapsedMs: 10 });
    expectHandled(learner, request('GET'), [{ status: 408, latencyMs: 7 }, { status: 200, latencyMs: 9 }], { status: 200, attempts: 2, elapsedMs: 16 });
    expectHandled(learner, request('PUT'), [{ status: 429, latencyMs: 3 }, { status: 408, latencyMs: 4 }, { status: 429, latencyMs: 3 }], { status: 429, attempts: 3, elapsedMs: 10 });
    expectHandled(learner, request('GET'), [{ status: 503, latencyMs: 1 }], { status: 503, attempts: 1, elapsedMs: 1 }, { ...CONFIG, maxRetries: 0 });
  });

  test("a Retry-After is waited out before the next attempt, and counted in elapsedMs", () => {
    expectHandled(learner, request('GET'), [{ status: 429, latencyMs: 2, retryAfterMs: 40 }, { status: 200, latencyMs: 10 }], { status: 200, attempts: 2, elapsedMs: 52 });
    expectHandled(learner, request('DELETE'), [{ status: 503, latencyMs: 3, retryAfterMs: 25 }, { status: 429, latencyMs: 2, retryAfterMs: 10 }, { status: 204, latencyMs: 5 }], { status: 204, attempts: 3, elapsedMs: 45 });
    // The last attempt's Retry-After is the caller's to honour: no attempt follows, so no wait is added.
    expectHandled(learner, request('GET'), [{ status: 429, latencyMs: 2, retryAfterMs: 30 }], { status: 429, attempts: 1, elapsedMs: 2 }, { ...CONFIG, maxRetries: 0 });
    // An attempt that timed out has no answer, so no Retry-After either, whatever the late reply carried.
    expectHandled(learner, request('GET'), [{ status: 503, latencyMs: CONFIG.timeoutMs + 50, retryAfterMs: 70 }, { status: 200, latencyMs: 10 }], { status: 200, attempts: 2, elapsedMs: CONFIG.timeoutMs + 10 });
    expectHandled(learner, request('POST'), [{ status: 429, latencyMs: 2, retryAfterMs: 30 }], { status: 429, attempts: 1, elapsedMs: 2 });
  });

  test('POST is never retried, nor a 4xx that would come back the same (400, 404, 409)', () => {
    expectHandled(learner, request('POST'), [{ status: 503, latencyMs: 2 }], { status: 503, attempts: 1, elapsedMs: 2 });
    expectHandled(learner, request('POST'), [{ status: 201, latencyMs: 250 }], { status: 504, attempts: 1, elapsedMs: 100 });
    expectHandled(learner, request('GET'), [{ status: 404, latencyMs: 8 }], { status: 404, attempts: 1, elapsedMs: 8 });
    expectHandled(learner, request('PUT'), [{ status: 409, latencyMs: 8 }], { status: 409, attempts: 1, elapsedMs: 8 });
    expectHandled(learner, request('DELETE'), [{ status: 400, latencyMs: 4 }], { status: 400, attempts: 1, elapsedMs: 4 });
  });

  test('on seeded flaky traffic, no POST runs twice and every result matches the policy', () => {
    // What the traffic must have contained for the checks below to mean anything, counted from the upstream's own log.
    const seen = { refused: 0, postTimedOut: 0, retriedAfter5xx: 0, retriedAfter429: 0, notRetried4xx: 0 };
    for (const seed of [1, 2, 3]) {
      const traffic = meshTraffic(seed, 300);
      const upstream = flakyUpstream(seed);
      const reference = flakyUpstream(seed);
      for (const req of traffic) {
        let calls = 0;
        // The learner gets copies; the upstream answers for the request the grader sent, whatever the learner passes on.
        const got = learner.handle(CONFIG, { ...req }, (_sent, attempt) => {
          calls += 1;
          return upstream.reply(req, attempt);
        });
        const want = Reference.handle(CONFIG, req, reference.reply);
        const what = `seed ${seed}: request #${req.id} ${req.method} ${req.path} from "${req.caller}" (allow-list ${JSON.stringify(CONFIG.allow)}, timeout ${CONFIG.timeoutMs} ms, maxRetries ${CONFIG.maxRetries}) against an upstream that answers 503 to 15% of attempts, 429 with a Retry-After to 5%, 404 or 409 to 7% and 12% too slowly`;
        const ran = upstream.executions.get(req.id) ?? 0;
        if (req.method === 'POST' && ran > 1) {
          throw new Error(`seed ${seed}: request #${req.id} POST ${req.path} from "${req.caller}" ran ${ran} times on the upstream: an attempt that timed out had already executed, and the sidecar sent it again. Retry only GET, PUT and DELETE.`);
        }
        expect(calls, `${what}: attempts the upstream saw`).toBe(want.attempts);
        expect(got, what).toEqual(want);

        const replies = reference.log.filter((entry) => entry.id === req.id).map((entry) => entry.reply);
        if (want.attempts === 0) seen.refused += 1;
        if (req.method === 'POST' && replies[0] !== undefined && replies[0].latencyMs > CONFIG.timeoutMs) seen.postTimedOut += 1;
        replies.slice(0, -1).forEach((reply) => {
          if (reply.status === 429) seen.retriedAfter429 += 1;
          else if (reply.status >= 500) seen.retriedAfter5xx += 1;
        });
        const last = replies.at(-1);
        if (last !== undefined && last.status >= 400 && last.status < 500 && !retryableStatus(last.status)) seen.notRetried4xx += 1;
      }
    }
    for (const [situation, count] of Object.entries(seen)) expect(count, `times the traffic produced the situation "${situation}"`).toBeGreaterThan(0);
  });

  test('agrees with the reference on generated configs, requests and upstream replies', () => {
    checkAgainstReference({ name: 'handle', seed: 3371, runs: 60, inputs: handleInputs, learner: withReplies(learner.handle), reference: withReplies(Reference.handle), judge: judgeHandled });
  });
});
