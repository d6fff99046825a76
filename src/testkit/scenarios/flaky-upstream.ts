/**
 * A sidecar's world, for lesson 13: seeded traffic from a few calling services and an upstream service that
 * sometimes answers 503, sometimes answers too slowly, and sometimes says 404. The upstream counts how often
 * it actually *executed* each request: a slow answer that the sidecar gave up on was still executed, which
 * is why retrying a non-idempotent request can do it twice. Also the reference sidecar policy the hidden
 * tests compare a learner's against.
 */
import { Rng } from '../../sim/index.ts';

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
}

export interface SidecarConfig {
  readonly allow: readonly string[];
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export interface SidecarResult {
  readonly status: number;
  readonly attempts: number;
  readonly elapsedMs: number;
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
  /** How many times each request id was executed (a 503 is not executed; a slow answer is). */
  readonly executions: ReadonlyMap<number, number>;
  readonly calls: number;
}

export function flakyUpstream(seed: number): FlakyUpstream {
  const root = Rng.fromSeed(seed).fork('upstream');
  const executions = new Map<number, number>();
  let calls = 0;
  return {
    reply(request, attempt) {
      calls += 1;
      const rng = root.fork(`${request.id}:${attempt}`);
      const roll = rng.next();
      if (roll < 0.15) return { status: 503, latencyMs: rng.int(1, 5) };
      executions.set(request.id, (executions.get(request.id) ?? 0) + 1);
      if (roll < 0.27) return { status: 200, latencyMs: rng.int(120, 400) };
      if (roll < 0.32) return { status: 404, latencyMs: rng.int(5, 20) };
      return { status: 200, latencyMs: rng.int(5, 60) };
    },
    executions,
    get calls() {
      return calls;
    },
  };
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/** The reference policy: allow-list by exact name, a timeout per attempt, retries for idempotent methods after 5xx or a timeout. */
export function referenceSidecar(config: SidecarConfig, request: MeshRequest, upstream: (request: MeshRequest, attempt: number) => UpstreamReply): SidecarResult {
  if (!config.allow.includes(request.caller)) return { status: 403, attempts: 0, elapsedMs: 0 };
  let elapsedMs = 0;
  for (let attempt = 0; ; attempt++) {
    const reply = upstream(request, attempt);
    const timedOut = reply.latencyMs > config.timeoutMs;
    const status = timedOut ? 504 : reply.status;
    elapsedMs += timedOut ? config.timeoutMs : reply.latencyMs;
    const retry = status >= 500 && IDEMPOTENT.has(request.method) && attempt < config.maxRetries;
    if (!retry) return { status, attempts: attempt + 1, elapsedMs };
  }
}
