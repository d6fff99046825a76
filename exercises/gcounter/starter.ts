/** A counter's state: for each replica id, how much that replica has counted. */
export type Counts = Record<string, number>;

/** A grow-only counter (G-Counter) that replicas keep in sync by exchanging states. */
export class GCounter {
  private readonly id: string;
  // One number is the obvious state — but how would merge know which increments it has already seen?
  private total = 0;

  constructor(id: string) {
    this.id = id;
  }

  /** Counts `amount` (a positive integer) at this replica. */
  increment(amount: number): void {
    this.total += amount;
  }

  /** The total over every replica this one has heard of. */
  value(): number {
    return this.total;
  }

  /** A copy of the state, to send to other replicas. */
  state(): Counts {
    return { [this.id]: this.total };
  }

  /** Folds in another replica's state. */
  merge(other: Counts): void {
    throw new Error('GCounter.merge is not written yet');
  }
}
