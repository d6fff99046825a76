// Counts the budget as debt (the tokens missing from a full bucket) and picks each delay by decorrelated jitter, a random point between 100 ms and three times the last delay.
export interface RetryOptions {
  maxAttempts: number;
  capacity: number;
  retryCost: number;
}

export class RetryPolicy {
  #maxAttempts: number;
  #capacity: number;
  #retryCost: number;
  #debt = 0;
  #lastDelay = 100;

  constructor({ maxAttempts, capacity, retryCost }: RetryOptions) {
    this.#maxAttempts = maxAttempts;
    this.#capacity = capacity;
    this.#retryCost = retryCost;
  }

  onSuccess(): void {
    if (this.#debt > 0) this.#debt -= 1;
  }

  onFailure(attempts: number, rng: () => number): number | null {
    const affordable = this.#capacity - this.#debt >= this.#retryCost;
    if (attempts < this.#maxAttempts && affordable) {
      this.#debt += this.#retryCost;
      const upper = Math.min(1000, this.#lastDelay * 3);
      this.#lastDelay = 100 + Math.floor(rng() * (upper - 100));
      return this.#lastDelay;
    }
    return null;
  }
}
