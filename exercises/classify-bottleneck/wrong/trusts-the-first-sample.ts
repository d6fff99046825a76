// Wrong on purpose: takes the first sample in the list as the lightest load, without looking at users.
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
  const lightest = samples[0]!;
  // Too slow with the least load: more hardware or fewer users will not fix the code path.
  if (p99(lightest.latenciesMs) > sloMs) return 'performance';
  // Fast when light, too slow when heavy: the system does not keep up as load grows.
  if (samples.some((sample) => p99(sample.latenciesMs) > sloMs)) return 'scalability';
  return 'ok';
}
