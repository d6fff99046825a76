// Wrong on purpose: retries only the 5xx codes it knows (500, 502, 503, 504), so a 501, a 505 or any other 5xx is final.
export type HttpMethod = 'GET' | 'PUT' | 'DELETE' | 'POST';

export interface MeshRequest {
  id: number;
  caller: string;
  method: HttpMethod;
  path: string;
}

export interface UpstreamReply {
  status: number;
  latencyMs: number;
  /** Retry-After in milliseconds, sent with some 429 and 503 answers. */
  retryAfterMs?: number;
}

export interface SidecarConfig {
  allow: readonly string[];
  timeoutMs: number;
  maxRetries: number;
}

export interface SidecarResult {
  status: number;
  attempts: number;
  elapsedMs: number;
}

/** Methods that do the same thing however often they run: safe to send again. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

/** Failures that may clear on their own: any 5xx (a timeout included), 408 Request Timeout, 429 Too Many Requests. */
const retryable = (status: number) => [500, 502, 503, 504, 408, 429].includes(status);

export function handle(
  config: SidecarConfig,
  request: MeshRequest,
  upstream: (request: MeshRequest, attempt: number) => UpstreamReply,
): SidecarResult {
  if (!config.allow.includes(request.caller)) return { status: 403, attempts: 0, elapsedMs: 0 };
  let elapsedMs = 0;
  for (let attempt = 0; ; attempt++) {
    const reply = upstream(request, attempt);
    const timedOut = reply.latencyMs > config.timeoutMs;
    const status = timedOut ? 504 : reply.status;
    elapsedMs += timedOut ? config.timeoutMs : reply.latencyMs;
    // A POST that timed out may have run anyway: sending it again could run it twice.
    const retry = retryable(status) && IDEMPOTENT.has(request.method) && attempt < config.maxRetries;
    if (!retry) return { status, attempts: attempt + 1, elapsedMs };
    // The service said how long to back off: wait that long before the next attempt.
    if (!timedOut) elapsedMs += reply.retryAfterMs ?? 0;
  }
}
