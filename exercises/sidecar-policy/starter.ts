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

/** What the sidecar in front of a service does with one incoming request. */
export function handle(
  config: SidecarConfig,
  request: MeshRequest,
  upstream: (request: MeshRequest, attempt: number) => UpstreamReply,
): SidecarResult {
  // Passes everything straight through, once, and waits as long as it takes.
  const reply = upstream(request, 0);
  return { status: reply.status, attempts: 1, elapsedMs: reply.latencyMs };
}
