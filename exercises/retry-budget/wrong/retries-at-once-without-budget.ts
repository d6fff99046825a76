// Retries every failure at once, up to maxAttempts, with no budget: when the server slows down, each request's
// attempts triple its load, the queue stays full, and the server keeps serving requests whose clients have gone.
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
    return attempts >= this.options.maxAttempts ? null : 0;
  }
}
