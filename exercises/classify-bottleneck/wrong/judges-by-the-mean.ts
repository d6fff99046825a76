// Wrong on purpose: compares the mean latency with the SLO instead of the 99th percentile.
export interface LatencySample {
  users: number;
  latenciesMs: number[];
}

export type Verdict = 'ok' | 'performance' | 'scalability';

function meanLatency(latencies: number[]): number {
  return latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length;
}

export function classify(samples: LatencySample[], sloMs: number): Verdict {
  const lightest = samples.reduce((best, sample) => (sample.users < best.users ? sample : best));
  // Too slow with the least load: more hardware or fewer users will not fix the code path.
  if (meanLatency(lightest.latenciesMs) > sloMs) return 'performance';
  // Fast when light, too slow when heavy: the system does not keep up as load grows.
  if (samples.some((sample) => meanLatency(sample.latenciesMs) > sloMs)) return 'scalability';
  return 'ok';
}
