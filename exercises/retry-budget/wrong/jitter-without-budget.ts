// Capped exponential backoff with full jitter, but no budget: the retries are spread out in time, yet there are
// just as many of them, and every failing request still costs the server maxAttempts attempts.
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

  constructor(options: RetryOptions) {
    this.options = { ...options };
  }

  onSuccess(): void {}

  onFailure(attempts: number, rng: () => number): number | null {
    if (attempts >= this.options.maxAttempts) return null;
    return Math.floor(rng() * Math.min(1000, 100 * 2 ** attempts));
  }
}
