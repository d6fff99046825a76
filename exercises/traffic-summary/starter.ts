/** One answered request: when the client sent it and when it had the reply (virtual ms). */
export interface RequestRecord {
  id: number;
  start: number;
  end: number;
}

export interface Summary {
  /** Requests completed in [from, to), per second. */
  throughputPerSec: number;
  /** Nearest-rank percentiles of those requests' latencies (end - start), in ms. */
  p50Ms: number;
  p99Ms: number;
  /** Their mean latency, in ms. */
  meanLatencyMs: number;
  /** The average number of requests in flight during [from, to). */
  meanInFlight: number;
}

export function summarize(trace: RequestRecord[], from: number, to: number): Summary {
  return { throughputPerSec: 0, p50Ms: 0, p99Ms: 0, meanLatencyMs: 0, meanInFlight: 0 };
}
