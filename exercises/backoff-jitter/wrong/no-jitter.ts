// Wrong on purpose: waits the whole window every time, so clients that failed together retry together.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return options.retryAfterMs === undefined ? window : Math.max(options.retryAfterMs, window);
}
