/**
 * Smooth weighted round robin: backend `x` with weight w gets w of every W picks (W = sum of the weights),
 * spread out rather than in a block. `weights` lists the backends in order; weights are whole numbers ≥ 0.
 */
export class SmoothWeightedRoundRobin {
  constructor(weights: Record<string, number>) {}

  /** The next backend, or null when every weight is 0. */
  next(): string | null {
    return null;
  }
}
