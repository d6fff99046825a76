// Wrong on purpose: the window keeps doubling past capMs.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions, retryAfterMs?: number): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = options.baseMs * 2 ** attempt;
  const jittered = Math.floor(rng() * window);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
