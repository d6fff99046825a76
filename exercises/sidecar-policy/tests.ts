import { defineTests, test, expect } from '../../src/testkit/index.ts';
import { flakyUpstream, meshTraffic, referenceSidecar, type MeshRequest, type SidecarConfig, type UpstreamReply } from '../../src/testkit/scenarios/flaky-upstream.ts';
import type * as Solution from './solution.ts';

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
      const reply = replies[attempt];
      if (reply === undefined) {
        throw new Error(
          replies.length === 0
            ? `the sidecar called the upstream for ${sent.method} from "${sent.caller}", which the allow-list should have refused before any attempt`
            : `the sidecar sent attempt ${attempt + 1} for ${sent.method} after the upstream answered ${answers(replies)}, but should have stopped after ${replies.length}`,
        );
      }
      return reply;
    },
  };
}

const answers = (replies: readonly UpstreamReply[]) => replies.map((r) => `${r.status} after ${r.latencyMs} ms`).join(', then ');

function expectHandled(learner: Learner, req: MeshRequest, replies: readonly UpstreamReply[], expected: { status: number; attempts: number; elapsedMs: number }, config = CONFIG) {
  const upstream = scripted(replies);
  const what = `${req.method} from "${req.caller}" (allow-list ${JSON.stringify(config.allow)}, timeout ${config.timeoutMs} ms, maxRetries ${config.maxRetries}) when the upstream answers ${answers(replies)}`;
  expect(learner.handle(config, req, upstream.reply), what).toEqual(expected);
  expect(upstream.attempts.length, `attempts the upstream saw for ${what}`).toBe(expected.attempts);
}

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

  test('idempotent requests are retried after a 5xx or a timeout, up to maxRetries times', () => {
    expectHandled(learner, request('GET'), [{ status: 503, latencyMs: 2 }, { status: 502, latencyMs: 3 }, { status: 200, latencyMs: 10 }], { status: 200, attempts: 3, elapsedMs: 15 });
    expectHandled(learner, request('PUT'), [{ status: 503, latencyMs: 2 }, { status: 200, latencyMs: 500 }, { status: 503, latencyMs: 4 }], { status: 503, attempts: 3, elapsedMs: 106 });
    expectHandled(learner, request('DELETE'), [{ status: 500, latencyMs: 5 }, { status: 204, latencyMs: 5 }], { status: 204, attempts: 2, elapsedMs: 10 });
    expectHandled(learner, request('GET'), [{ status: 503, latencyMs: 1 }], { status: 503, attempts: 1, elapsedMs: 1 }, { ...CONFIG, maxRetries: 0 });
  });

  test('POST is never retried, and 4xx answers are never retried', () => {
    expectHandled(learner, request('POST'), [{ status: 503, latencyMs: 2 }], { status: 503, attempts: 1, elapsedMs: 2 });
    expectHandled(learner, request('POST'), [{ status: 201, latencyMs: 250 }], { status: 504, attempts: 1, elapsedMs: 100 });
    expectHandled(learner, request('GET'), [{ status: 404, latencyMs: 8 }], { status: 404, attempts: 1, elapsedMs: 8 });
    expectHandled(learner, request('PUT'), [{ status: 409, latencyMs: 8 }], { status: 409, attempts: 1, elapsedMs: 8 });
  });

  test('on seeded flaky traffic, no POST runs twice and every result matches the policy', () => {
    for (const seed of [1, 2, 3]) {
      const traffic = meshTraffic(seed, 300);
      const upstream = flakyUpstream(seed);
      const reference = flakyUpstream(seed);
      for (const req of traffic) {
        const got = learner.handle(CONFIG, req, upstream.reply);
        const want = referenceSidecar(CONFIG, req, reference.reply);
        const ran = upstream.executions.get(req.id) ?? 0;
        if (req.method === 'POST' && ran > 1) {
          throw new Error(`seed ${seed}: request #${req.id} POST ${req.path} from "${req.caller}" ran ${ran} times on the upstream: an attempt that timed out had already executed, and the sidecar sent it again. Retry only GET, PUT and DELETE.`);
        }
        expect(got, `seed ${seed}: request #${req.id} ${req.method} ${req.path} from "${req.caller}" (allow-list ${JSON.stringify(CONFIG.allow)}, timeout ${CONFIG.timeoutMs} ms, maxRetries ${CONFIG.maxRetries}) against an upstream that fails 15% of attempts with 503 and answers 12% too slowly`).toEqual(want);
      }
    }
  });
});
