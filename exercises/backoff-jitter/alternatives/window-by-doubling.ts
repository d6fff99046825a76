// Grows the window by doubling in a loop (stopping at the cap) instead of computing base × 2^attempt at once.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  const { baseMs, capMs, maxAttempts, retryAfterMs } = options;
  if (attempt >= maxAttempts) return null;
  let window = Math.min(baseMs, capMs);
  for (let step = 0; step < attempt && window < capMs; step++) window = Math.min(capMs, window * 2);
  const delay = Math.floor(rng() * window);
  if (retryAfterMs !== undefined && delay < retryAfterMs) return retryAfterMs;
  return delay;
}
