// Wrong on purpose: subtracts the chosen backend's own weight instead of the total, so the heaviest backend wins every time.
export class SmoothWeightedRoundRobin {
  private readonly backends: { name: string; weight: number; current: number }[];
  private readonly total: number;

  constructor(weights: Record<string, number>) {
    this.backends = Object.entries(weights).map(([name, weight]) => ({ name, weight, current: 0 }));
    this.total = this.backends.reduce((sum, backend) => sum + backend.weight, 0);
  }

  next(): string | null {
    if (this.total === 0) return null;
    let best = this.backends[0]!;
    for (const backend of this.backends) {
      backend.current += backend.weight;
      // Strictly greater: on a tie the backend listed first wins.
      if (backend.current > best.current) best = backend;
    }
    // The chosen one pays back a whole round, so the others catch up before it is chosen again.
    best.current -= best.weight;
    return best.name;
  }
}
