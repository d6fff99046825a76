// Wrong: takes the latency at index ⌊0.99 · n⌋ (capped at the last), one past the nearest rank whenever 99% of n
// is a whole number — with 100 latencies, the slowest instead of the 99th.
export interface LatencySample {
  users: number;
  latenciesMs: number[];
}

export type Verdict = 'ok' | 'performance' | 'scalability';

/** Nearest rank: the ⌈99/100 · n⌉-th smallest latency. */
function p99(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.min(Math.floor(0.99 * sorted.length), sorted.length - 1)] ?? 0;
}

export function classify(samples: LatencySample[], sloMs: number): Verdict {
  const lightest = samples.reduce((best, sample) => (sample.users < best.users ? sample : best));
  // Too slow with the least load: more hardware or fewer users will not fix the code path.
  if (p99(lightest.latenciesMs) > sloMs) return 'performance';
  // Fast when light, too slow when heavy: the system does not keep up as load grows.
  if (samples.some((sample) => p99(sample.latenciesMs) > sloMs)) return 'scalability';
  return 'ok';
}
