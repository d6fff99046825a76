export interface RetryOptions {
  /** The most attempts one request may make, the first included. */
  maxAttempts: number;
  /** The most tokens the bucket holds; it starts full. */
  capacity: number;
  /** The tokens one retry costs; each success earns one. */
  retryCost: number;
}

/**
 * One client's retry policy: at most `maxAttempts` attempts per request, and a retry budget — a token bucket
 * that each success refills by one token and each retry drains by `retryCost` — so the client's retries stay
 * a fraction of its successes however long the server struggles.
 */
export class RetryPolicy {
  private readonly options: RetryOptions;
  private tokens: number;

  constructor(options: RetryOptions) {
    this.options = { ...options };
    this.tokens = options.capacity;
  }

  onSuccess(): void {
    this.tokens = Math.min(this.options.capacity, this.tokens + 1);
  }

  onFailure(attempts: number, rng: () => number): number | null {
    if (attempts >= this.options.maxAttempts || this.tokens < this.options.retryCost) return null;
    this.tokens -= this.options.retryCost;
    // Full jitter over a window that doubles with each attempt: clients that failed together retry apart.
    return Math.floor(rng() * Math.min(1000, 100 * 2 ** attempts));
  }
}
