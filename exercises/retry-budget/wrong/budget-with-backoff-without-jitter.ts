// A correct retry budget and capped exponential backoff, but no jitter: the wait grows with each attempt, yet
// requests that failed together still wait exactly as long as each other and come back in one burst.
export interface RetryOptions {
  /** The most attempts one request may make, the first included. */
  maxAttempts: number;
  /** The most tokens the bucket holds; it starts full. */
  capacity: number;
  /** The tokens one retry costs; each success earns one. */
  retryCost: number;
}



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
    return Math.min(1000, 100 * 2 ** attempts);
  }
}
