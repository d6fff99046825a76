// Wrong on purpose: adds up the entries with reduce and no starting value, so value() throws on a counter that has counted nothing yet instead of returning 0.
/** A counter's state: for each replica id, how much that replica has counted. */
export type Counts = Record<string, number>;

/** A grow-only counter (G-Counter): each replica counts its own increments; merge keeps the maximum per replica. */
export class GCounter {
  private readonly id: string;
  private counts: Counts = {};

  constructor(id: string) {
    this.id = id;
  }

  /** Counts `amount` (a positive integer) at this replica. */
  increment(amount: number): void {
    this.counts[this.id] = (this.counts[this.id] ?? 0) + amount;
  }

  /** The total over every replica this one has heard of. */
  value(): number {
    return Object.values(this.counts).reduce((sum, count) => sum + count);
  }

  /** A copy of the state, to send to other replicas. */
  state(): Counts {
    return { ...this.counts };
  }

  /** Folds in another replica's state: each entry becomes the larger of the two. */
  merge(other: Counts): void {
    for (const [replica, count] of Object.entries(other)) {
      this.counts[replica] = Math.max(this.counts[replica] ?? 0, count);
    }
  }
}
