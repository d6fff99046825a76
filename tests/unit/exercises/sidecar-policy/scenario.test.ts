import { describe, expect, it } from 'vitest';
import { flakyUpstream, meshTraffic, type MeshRequest, type UpstreamReply } from '../../../../exercises/sidecar-policy/scenario.ts';
import { handle as referenceSidecar } from '../../../../exercises/sidecar-policy/solution.ts';

const config = { allow: ['web'], timeoutMs: 100, maxRetries: 2 };
const get: MeshRequest = { id: 1, caller: 'web', method: 'GET', path: '/x' };
const answersOf = (replies: UpstreamReply[]) => (_request: MeshRequest, attempt: number) => replies[attempt]!;

describe('flaky upstream', () => {
  it('draws the same traffic and answers for the same seed, independent of the order of attempts', () => {
    expect(meshTraffic(1, 50)).toEqual(meshTraffic(1, 50));
    const traffic = meshTraffic(2, 50);
    const a = flakyUpstream(2);
    const b = flakyUpstream(2);
    const forward = traffic.map((r) => a.reply(r, 0));
    const backward = [...traffic].reverse().map((r) => b.reply(r, 0)).reverse();
    expect(backward).toEqual(forward);
  });

  it('executes every attempt except a 503 or 429, slow ones included, and logs a copy of every answer', () => {
    const upstream = flakyUpstream(3);
    let expected = 0;
    for (const request of meshTraffic(3, 200)) {
      const reply = upstream.reply(request, 0);
      if (reply.status !== 503 && reply.status !== 429) expected += 1;
      (reply as { status: number }).status = 200;
    }
    expect(upstream.log).toHaveLength(200);
    expect(upstream.log.some((entry) => entry.reply.status === 429 && entry.reply.retryAfterMs! > 0)).toBe(true);
    expect(upstream.log.some((entry) => entry.reply.status === 409)).toBe(true);
    expect([...upstream.executions.values()].reduce((sum, n) => sum + n, 0)).toBe(expected);
    expect(upstream.calls).toBe(200);
  });

  it('the reference sidecar refuses strangers, times out, and retries only idempotent 5xx, 408 and 429', () => {
    expect(referenceSidecar(config, { ...get, caller: 'webx' }, answersOf([]))).toEqual({ status: 403, attempts: 0, elapsedMs: 0 });
    expect(referenceSidecar(config, get, answersOf([{ status: 200, latencyMs: 150 }, { status: 503, latencyMs: 2 }, { status: 200, latencyMs: 9 }]))).toEqual({ status: 200, attempts: 3, elapsedMs: 111 });
    expect(referenceSidecar(config, { ...get, method: 'POST' }, answersOf([{ status: 200, latencyMs: 150 }]))).toEqual({ status: 504, attempts: 1, elapsedMs: 100 });
    expect(referenceSidecar(config, get, answersOf([{ status: 404, latencyMs: 3 }]))).toEqual({ status: 404, attempts: 1, elapsedMs: 3 });
    expect(referenceSidecar(config, get, answersOf([{ status: 409, latencyMs: 3 }]))).toEqual({ status: 409, attempts: 1, elapsedMs: 3 });
    expect(referenceSidecar(config, get, answersOf([{ status: 408, latencyMs: 3 }, { status: 429, latencyMs: 2, retryAfterMs: 20 }, { status: 200, latencyMs: 5 }]))).toEqual({ status: 200, attempts: 3, elapsedMs: 30 });
  });

  it('never runs a POST twice under the reference policy, while retrying every method would', () => {
    const traffic = meshTraffic(1, 300);
    const safe = flakyUpstream(1);
    for (const request of traffic) referenceSidecar({ ...config, allow: ['web', 'billing'] }, request, safe.reply);
    const posts = traffic.filter((r) => r.method === 'POST');
    expect(posts.every((r) => (safe.executions.get(r.id) ?? 0) <= 1)).toBe(true);
    const reckless = flakyUpstream(1);
    for (const request of posts) referenceSidecar({ ...config, allow: ['web', 'billing'] }, { ...request, method: 'GET' }, (_r, attempt) => reckless.reply(request, attempt));
    expect(posts.some((r) => (reckless.executions.get(r.id) ?? 0) > 1)).toBe(true);
  });
});
