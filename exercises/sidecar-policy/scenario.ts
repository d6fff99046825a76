/**
 * A sidecar's world, for lesson 13: seeded traffic from a few calling services and an upstream service that
 * sometimes answers 503, sometimes 429 with a Retry-After, sometimes too slowly, and sometimes says 404 or 409.
 * The upstream counts how often
 * it actually *executed* each request: a slow answer that the sidecar gave up on was still executed, which
 * is why retrying a non-idempotent request can do it twice. The reference policy the hidden tests compare a
 * learner's against is the exercise's own `solution.ts`.
 */
import { Rng } from '../../src/sim/index.ts';

export type HttpMethod = 'GET' | 'PUT' | 'DELETE' | 'POST';

export interface MeshRequest {
  readonly id: number;
  readonly caller: string;
  readonly method: HttpMethod;
  readonly path: string;
}

export interface UpstreamReply {
  readonly status: number;
  /** Virtual ms the upstream takes to answer. */
  readonly latencyMs: number;
  /** Retry-After, in virtual ms: how long the service asks the caller to wait before trying again (429 or 503). */
  readonly retryAfterMs?: number;
}

export interface SidecarConfig {
  readonly allow: readonly string[];
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export const CALLING_SERVICES = ['web', 'billing', 'reports', 'billing-v2'] as const;
const METHODS: readonly HttpMethod[] = ['GET', 'GET', 'GET', 'PUT', 'DELETE', 'POST', 'POST'];

export function meshTraffic(seed: number, count: number): MeshRequest[] {
  const rng = Rng.fromSeed(seed).fork('mesh-traffic');
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    caller: rng.pick(CALLING_SERVICES),
    method: rng.pick(METHODS),
    path: `/orders/${rng.int(1, 50)}`,
  }));
}

export interface FlakyUpstream {
  /** The answer to one attempt; each (request, attempt) draws from its own stream. */
  reply(request: MeshRequest, attempt: number): UpstreamReply;
  /** How many times each request id was executed (a 503 or 429 is not executed; a slow answer is). */
  readonly executions: ReadonlyMap<number, number>;
  /** Every attempt the upstream answered, in order: the evidence a test judges, whatever the sidecar reports. */
  readonly log: readonly { readonly id: number; readonly attempt: number; readonly reply: UpstreamReply }[];
  readonly calls: number;
}

export function flakyUpstream(seed: number): FlakyUpstream {
  const root = Rng.fromSeed(seed).fork('upstream');
  const executions = new Map<number, number>();
  const log: { id: number; attempt: number; reply: UpstreamReply }[] = [];
  const draw = (request: MeshRequest, attempt: number): UpstreamReply => {
    const rng = root.fork(`${request.id}:${attempt}`);
    const roll = rng.next();
    if (roll < 0.15) return { status: 503, latencyMs: rng.int(1, 5) };
    if (roll < 0.2) return { status: 429, latencyMs: rng.int(1, 5), retryAfterMs: rng.int(1, 4) * 10 };
    executions.set(request.id, (executions.get(request.id) ?? 0) + 1);
    if (roll < 0.32) return { status: 200, latencyMs: rng.int(120, 400) };
    if (roll < 0.36) return { status: 404, latencyMs: rng.int(5, 20) };
    if (roll < 0.39) return { status: 409, latencyMs: rng.int(5, 20) };
    return { status: 200, latencyMs: rng.int(5, 60) };
  };
  return {
    reply(request, attempt) {
      const reply = draw(request, attempt);
      // The log keeps its own frozen copy: the caller gets another, so nothing it does can rewrite the evidence.
      log.push(Object.freeze({ id: request.id, attempt, reply: Object.freeze({ ...reply }) }));
      return { ...reply };
    },
    executions,
    log,
    get calls() {
      return log.length;
    },
  };
}

/**
 * Statuses worth sending again: every 5xx (a timeout is a 504), 408 Request Timeout and 429 Too Many Requests.
 * Other 4xx answers (400, 403, 404, 409, …) would come back the same; a 409 may clear, but only the service
 * knows when, so a sidecar leaves it to the caller (Envoy's `retriable-4xx` makes it an explicit opt-in).
 */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}
