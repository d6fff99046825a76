// Waits a fixed 100 ms before each retry, with no budget: the wait only postpones the extra attempts, so the
// overloaded server still gets every request up to maxAttempts times, and never catches up.
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
    return attempts >= this.options.maxAttempts ? null : 100;
  }
}
