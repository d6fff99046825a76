// Wrong on purpose: the old rule — backoff alone decides, so a client told "Retry-After: 2 s" may come back at once.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(rng() * window);
}
