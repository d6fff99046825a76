// Collects one record per attempt (its status, cost and wait) in a while loop, then sums them at the end,
// instead of adding to a running total inside a for loop.
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

interface Attempt {
  status: number;
  costMs: number;
  waitMs: number;
}

function mayRetry(status: number, method: HttpMethod): boolean {
  if (method === 'POST') return false;
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599;
}

export function handle(
  config: SidecarConfig,
  request: MeshRequest,
  upstream: (request: MeshRequest, attempt: number) => UpstreamReply,
): SidecarResult {
  if (config.allow.indexOf(request.caller) === -1) return { status: 403, attempts: 0, elapsedMs: 0 };
  const attempts: Attempt[] = [];
  let more = true;
  while (more) {
    const reply = upstream(request, attempts.length);
    const late = reply.latencyMs > config.timeoutMs;
    const attempt: Attempt = late
      ? { status: 504, costMs: config.timeoutMs, waitMs: 0 }
      : { status: reply.status, costMs: reply.latencyMs, waitMs: reply.retryAfterMs ?? 0 };
    attempts.push(attempt);
    more = attempts.length <= config.maxRetries && mayRetry(attempt.status, request.method);
    if (!more) attempt.waitMs = 0;
  }
  const last = attempts[attempts.length - 1] as Attempt;
  const elapsedMs = attempts.reduce((sum, { costMs, waitMs }) => sum + costMs + waitMs, 0);
  return { status: last.status, attempts: attempts.length, elapsedMs };
}
