// Wrong on purpose: compares the single slowest request with the SLO instead of the 99th percentile.
export interface LatencySample {
  users: number;
  latenciesMs: number[];
}

export type Verdict = 'ok' | 'performance' | 'scalability';

function slowest(latencies: number[]): number {
  return Math.max(...latencies);
}

export function classify(samples: LatencySample[], sloMs: number): Verdict {
  const lightest = samples.reduce((best, sample) => (sample.users < best.users ? sample : best));
  // Too slow with the least load: more hardware or fewer users will not fix the code path.
  if (slowest(lightest.latenciesMs) > sloMs) return 'performance';
  // Fast when light, too slow when heavy: the system does not keep up as load grows.
  if (samples.some((sample) => slowest(sample.latenciesMs) > sloMs)) return 'scalability';
  return 'ok';
}
