// Wrong on purpose: sorts the node counts with sort() and no comparator, which compares them as text, so 16 nodes come before 2.
export interface ScalingRun {
  nodes: number;
  completions: number[];
  fromMs: number;
  toMs: number;
}

export interface ScalingPoint {
  nodes: number;
  throughputPerSec: number;
  efficiency: number;
}

export interface ScalingReport {
  points: ScalingPoint[];
  saturatesAt: number | null;
}

const EFFICIENCY_FLOOR = 0.8;

function throughputOf(run: ScalingRun): number {
  const completed = run.completions.filter((at) => at >= run.fromMs && at < run.toMs).length;
  return (completed * 1000) / (run.toMs - run.fromMs);
}

export function scalingEfficiency(runs: ScalingRun[]): ScalingReport {
  const byNodes = new Map(runs.map((run) => [run.nodes, run]));
  const sorted = [...byNodes.keys()].sort().map((nodes) => byNodes.get(nodes)!);
  const measured = sorted.map((run) => ({ nodes: run.nodes, throughputPerSec: throughputOf(run) }));
  const base = measured[0];
  if (base === undefined) return { points: [], saturatesAt: null };
  // Scalable: n times the nodes give n times the throughput. Efficiency is the share of that we got.
  const points = measured.map((point) => ({
    ...point,
    efficiency: point.throughputPerSec / base.throughputPerSec / (point.nodes / base.nodes),
  }));
  const saturated = points.find((point) => point.efficiency < EFFICIENCY_FLOOR);
  return { points, saturatesAt: saturated === undefined ? null : saturated.nodes };
}
