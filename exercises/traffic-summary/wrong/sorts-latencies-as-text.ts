// Wrong on purpose: sorts the latencies with the default sort, which compares them as text ("100" < "40").
export interface RequestRecord {
  id: number;
  start: number;
  end: number;
}

export interface Summary {
  throughputPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanLatencyMs: number;
  meanInFlight: number;
}

export function summarize(trace: RequestRecord[], from: number, to: number): Summary {
  const windowMs = to - from;
  const latencies = trace
    .filter((request) => request.end >= from && request.end < to)
    .map((request) => request.end - request.start)
    .sort();
  const n = latencies.length;
  // Nearest rank: the ⌈p/100·n⌉-th smallest, i.e. index ⌈p·n/100⌉ - 1 (integer p keeps it exact); 0 when n = 0.
  const percentile = (p: number) => latencies[Math.ceil((p * n) / 100) - 1] ?? 0;
  // Each request is in flight from start to end; only the part inside the window counts.
  let busyMs = 0;
  for (const request of trace) {
    busyMs += Math.max(0, Math.min(request.end, to) - Math.max(request.start, from));
  }
  return {
    throughputPerSec: (n * 1000) / windowMs,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    meanLatencyMs: n === 0 ? 0 : latencies.reduce((sum, ms) => sum + ms, 0) / n,
    meanInFlight: busyMs / windowMs,
  };
}
