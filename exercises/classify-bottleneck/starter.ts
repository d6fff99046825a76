/** What one step of a load test measured: the latency of every request completed at that load. */
export interface LatencySample {
  /** How many users were sending requests back to back. */
  users: number;
  /** Latencies in ms, in completion order (not sorted). */
  latenciesMs: number[];
}

export type Verdict = 'ok' | 'performance' | 'scalability';

export function classify(samples: LatencySample[], sloMs: number): Verdict {
  return 'ok';
}
