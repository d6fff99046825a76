// Wrong on purpose: allows one retry more than maxAttempts.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt > options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  const jittered = Math.floor(rng() * window);
  return options.retryAfterMs === undefined ? jittered : Math.max(options.retryAfterMs, jittered);
}
