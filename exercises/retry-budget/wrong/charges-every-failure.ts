// Charges retryCost for every failure, even one it does not retry: during the slowdown the bucket sinks far below
// zero, and for seconds afterwards the client retries nothing, so lost messages become failed requests.
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
    const affordable = this.tokens >= this.options.retryCost;
    this.tokens -= this.options.retryCost;
    if (attempts >= this.options.maxAttempts || !affordable) return null;
    return Math.floor(rng() * Math.min(1000, 100 * 2 ** attempts));
  }
}
