// Keeps the entries in a Map, never stores a zero entry (missing means 0), and adds up the value with a loop.
export type Counts = Record<string, number>;

export class GCounter {
  private readonly entries = new Map<string, number>();

  private readonly id: string;

  constructor(id: string) {
    this.id = id;
  }

  increment(amount: number): void {
    this.entries.set(this.id, (this.entries.get(this.id) ?? 0) + amount);
  }

  value(): number {
    let total = 0;
    for (const count of this.entries.values()) total += count;
    return total;
  }

  state(): Counts {
    const copy: Counts = {};
    for (const [replica, count] of this.entries) copy[replica] = count;
    return copy;
  }

  merge(other: Counts): void {
    for (const replica of Object.keys(other)) {
      const theirs = other[replica]!;
      if (theirs > (this.entries.get(replica) ?? 0)) this.entries.set(replica, theirs);
    }
  }
}
