export interface BackoffOptions {
  /** Window of the first retry (attempt 0), in milliseconds. */
  baseMs: number;
  /** Largest window, in milliseconds. */
  capMs: number;
  /** Number of retries; attempt numbers run from 0 to maxAttempts - 1. */
  maxAttempts: number;
  /** The server's Retry-After for this failure, in milliseconds, when its answer (a 429 or 503) carried one. */
  retryAfterMs?: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  throw new Error('backoffDelay is not written yet');
}
