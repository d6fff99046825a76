// Builds the points with an insertion sort into a new list and plain counting loops, instead of sort/map/filter/find.
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

export function scalingEfficiency(runs: ScalingRun[]): ScalingReport {
  const ordered: ScalingRun[] = [];
  for (const run of runs) {
    let at = ordered.length;
    while (at > 0 && ordered[at - 1]!.nodes > run.nodes) at--;
    ordered.splice(at, 0, run);
  }
  const points: ScalingPoint[] = [];
  let saturatesAt: number | null = null;
  let baseline: { nodes: number; throughputPerSec: number } | undefined;
  for (const { nodes, completions, fromMs, toMs } of ordered) {
    let inWindow = 0;
    for (const t of completions) if (fromMs <= t && t < toMs) inWindow++;
    const throughputPerSec = (inWindow * 1000) / (toMs - fromMs);
    baseline ??= { nodes, throughputPerSec };
    const efficiency = throughputPerSec / baseline.throughputPerSec / (nodes / baseline.nodes);
    points.push({ nodes, throughputPerSec, efficiency });
    if (saturatesAt === null && efficiency < 0.8) saturatesAt = nodes;
  }
  return { points, saturatesAt };
}
