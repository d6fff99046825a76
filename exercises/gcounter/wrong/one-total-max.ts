// Wrong on purpose: keeps a single total and merges by taking the larger total, so increments made at different replicas are never added up.
export type Counts = Record<string, number>;

export class GCounter {
  private readonly id: string;
  private total = 0;

  constructor(id: string) {
    this.id = id;
  }

  increment(amount: number): void {
    this.total += amount;
  }

  value(): number {
    return this.total;
  }

  state(): Counts {
    return { [this.id]: this.total };
  }

  merge(other: Counts): void {
    for (const count of Object.values(other)) this.total = Math.max(this.total, count);
  }
}
