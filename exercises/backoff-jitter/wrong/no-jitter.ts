// Wrong on purpose: waits the whole window every time, so clients that failed together retry together.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions, retryAfterMs?: number): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return retryAfterMs === undefined ? window : Math.max(retryAfterMs, window);
}
