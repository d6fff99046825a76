// Wrong on purpose: doubles with a 32-bit shift, 1 << attempt, which wraps from attempt 31 on (1 << 31 is negative, 1 << 32 is 1).
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * (1 << attempt));
  const jittered = Math.floor(rng() * window);
  return options.retryAfterMs === undefined ? jittered : Math.max(options.retryAfterMs, jittered);
}
