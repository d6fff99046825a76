/** One load-test run with `nodes` app servers: when each request completed (virtual ms). */
export interface ScalingRun {
  nodes: number;
  /** Completion times of every request in the run, in ms. */
  completions: number[];
  /** The measurement window [fromMs, toMs). */
  fromMs: number;
  toMs: number;
}

export interface ScalingPoint {
  nodes: number;
  /** Completions inside the window, per second. */
  throughputPerSec: number;
  /** Throughput gained relative to resources added, compared with the smallest run (1 = perfect). */
  efficiency: number;
}

export interface ScalingReport {
  /** One point per run, fewest nodes first. */
  points: ScalingPoint[];
  /** The smallest node count whose efficiency is below 0.8, or null if there is none. */
  saturatesAt: number | null;
}

export function scalingEfficiency(runs: ScalingRun[]): ScalingReport {
  return { points: [], saturatesAt: null };
}
