// Wrong on purpose: asks whether any load level misses the SLO before looking at the lightest one.
export interface LatencySample {
  users: number;
  latenciesMs: number[];
}

export type Verdict = 'ok' | 'performance' | 'scalability';

/** Nearest rank: the ⌈99/100 · n⌉-th smallest latency. */
function p99(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.ceil((99 * sorted.length) / 100) - 1] ?? 0;
}

export function classify(samples: LatencySample[], sloMs: number): Verdict {
  if (samples.some((sample) => p99(sample.latenciesMs) > sloMs)) return 'scalability';
  const lightest = samples.reduce((best, sample) => (sample.users < best.users ? sample : best));
  if (p99(lightest.latenciesMs) > sloMs) return 'performance';
  return 'ok';
}
