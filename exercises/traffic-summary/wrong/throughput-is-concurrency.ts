// Wrong on purpose: reports how many requests were in flight at the same time (concurrency) as the throughput.
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

/** The most requests in flight at any one moment of the window. */
function peakInFlight(trace: RequestRecord[], from: number, to: number): number {
  let peak = 0;
  for (const request of trace) {
    const at = Math.max(request.start, from);
    if (at >= to) continue;
    const overlapping = trace.filter((other) => other.start <= at && other.end > at).length;
    peak = Math.max(peak, overlapping);
  }
  return peak;
}

export function summarize(trace: RequestRecord[], from: number, to: number): Summary {
  const windowMs = to - from;
  const latencies = trace
    .filter((request) => request.end >= from && request.end < to)
    .map((request) => request.end - request.start)
    .sort((a, b) => a - b);
  const n = latencies.length;
  // Nearest rank: the ⌈p/100·n⌉-th smallest, i.e. index ⌈p·n/100⌉ - 1 (integer p keeps it exact); 0 when n = 0.
  const percentile = (p: number) => latencies[Math.ceil((p * n) / 100) - 1] ?? 0;
  // Each request is in flight from start to end; only the part inside the window counts.
  let busyMs = 0;
  for (const request of trace) {
    busyMs += Math.max(0, Math.min(request.end, to) - Math.max(request.start, from));
  }
  return {
    throughputPerSec: peakInFlight(trace, from, to),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    meanLatencyMs: n === 0 ? 0 : latencies.reduce((sum, ms) => sum + ms, 0) / n,
    meanInFlight: busyMs / windowMs,
  };
}
