// Wrong on purpose: the window keeps doubling past capMs.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt >= options.maxAttempts) return null;
  const window = options.baseMs * 2 ** attempt;
  const jittered = Math.floor(rng() * window);
  return options.retryAfterMs === undefined ? jittered : Math.max(options.retryAfterMs, jittered);
}
