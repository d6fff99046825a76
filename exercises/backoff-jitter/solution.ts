export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions, retryAfterMs?: number): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  const jittered = Math.floor(rng() * window);
  // The server said when to come back: never sooner.
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
