// Wrong: keeps the running scores in one table for the whole module, keyed by backend name, so two balancers
// over the same backends push each other's scores around.
const current: Record<string, number> = {};

export class SmoothWeightedRoundRobin {
  private readonly backends: { name: string; weight: number }[];
  private readonly total: number;

  constructor(weights: Record<string, number>) {
    this.backends = Object.entries(weights).map(([name, weight]) => ({ name, weight }));
    for (const { name } of this.backends) current[name] = 0;
    this.total = this.backends.reduce((sum, backend) => sum + backend.weight, 0);
  }

  next(): string | null {
    if (this.total === 0) return null;
    let best = this.backends[0]!;
    for (const backend of this.backends) {
      current[backend.name] = current[backend.name]! + backend.weight;
      if (current[backend.name]! > current[best.name]!) best = backend;
    }
    current[best.name] = current[best.name]! - this.total;
    return best.name;
  }
}
