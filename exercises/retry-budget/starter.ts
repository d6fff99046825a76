export interface RetryOptions {
  /** The most attempts one request may make, the first included. */
  maxAttempts: number;
  /** The most tokens the bucket holds; it starts full. */
  capacity: number;
  /** The tokens one retry costs; each success earns one. */
  retryCost: number;
}

/** One client's retry policy, shared by all its requests. */
export class RetryPolicy {
  private readonly options: RetryOptions;

  constructor(options: RetryOptions) {
    this.options = { ...options };
  }

  /** A request got its reply in time. */
  onSuccess(): void {}

  /**
   * Attempt number `attempts` of a request failed (1: its first attempt). Return how long to wait before
   * the next attempt, in whole ms from 0 to 1000, or null to give up on the request.
   */
  onFailure(attempts: number, rng: () => number): number | null {
    // Every failure is retried at once, up to maxAttempts: run the tests to see what that does to a server that slows down.
    if (attempts >= this.options.maxAttempts) return null;
    return 0;
  }
}
