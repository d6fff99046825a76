// Wrong on purpose: gives each backend its weight in one block (a a a a a b c), not spread out.
export class SmoothWeightedRoundRobin {
  private readonly schedule: string[];
  private position = 0;

  constructor(weights: Record<string, number>) {
    this.schedule = Object.entries(weights).flatMap(([name, weight]) => Array.from({ length: weight }, () => name));
  }

  next(): string | null {
    if (this.schedule.length === 0) return null;
    const name = this.schedule[this.position]!;
    this.position = (this.position + 1) % this.schedule.length;
    return name;
  }
}
