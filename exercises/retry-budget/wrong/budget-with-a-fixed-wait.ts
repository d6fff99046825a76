// A correct retry budget, but every retry waits the same 100 ms: requests that failed at the same instant are all
// retried at the same instant, and the burst overflows the queue again.
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
    return 100;
  }
}
