// Parallel arrays of names, weights and scores, with the raise and the choice in two separate passes, instead of one array of records updated in a single loop.
export class SmoothWeightedRoundRobin {
  private readonly names: string[];
  private readonly weights: number[];
  private readonly scores: number[];
  private readonly sum: number;

  constructor(weights: Record<string, number>) {
    this.names = Object.keys(weights);
    this.weights = this.names.map((name) => weights[name]!);
    this.scores = this.names.map(() => 0);
    let sum = 0;
    for (const weight of this.weights) sum += weight;
    this.sum = sum;
  }

  next(): string | null {
    if (this.sum === 0) return null;
    for (let i = 0; i < this.scores.length; i++) this.scores[i]! += this.weights[i]!;
    let chosen = 0;
    for (let i = 1; i < this.scores.length; i++) if (this.scores[i]! > this.scores[chosen]!) chosen = i;
    this.scores[chosen]! -= this.sum;
    return this.names[chosen]!;
  }
}
