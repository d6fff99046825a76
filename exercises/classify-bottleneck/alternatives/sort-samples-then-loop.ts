// Sorts a copy of the samples by users and walks them with a loop, and picks the p99 with a selection loop over a copied, numerically sorted list.
export interface LatencySample {
  users: number;
  latenciesMs: number[];
}

export type Verdict = 'ok' | 'performance' | 'scalability';

function nearestRankP99(latencies: readonly number[]): number {
  const rank = Math.ceil((latencies.length * 99) / 100);
  const ascending = Float64Array.from(latencies).sort();
  return ascending[rank - 1]!;
}

export function classify(samples: LatencySample[], sloMs: number): Verdict {
  const byLoad = samples.slice().sort((a, b) => a.users - b.users);
  let verdict: Verdict = 'ok';
  for (let i = 0; i < byLoad.length; i++) {
    if (nearestRankP99(byLoad[i]!.latenciesMs) <= sloMs) continue;
    if (i === 0) return 'performance';
    verdict = 'scalability';
  }
  return verdict;
}
