// Wrong: the mean latency divides by the number of completed requests even when none completed, giving NaN
// where the prompt asks for 0 — every fixed trace has completions, so only a generated empty window shows it.
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
    .sort((a, b) => a - b);
  const n = latencies.length;
  const percentile = (p: number) => latencies[Math.ceil((p * n) / 100) - 1] ?? 0;
  let busyMs = 0;
  for (const request of trace) {
    busyMs += Math.max(0, Math.min(request.end, to) - Math.max(request.start, from));
  }
  return {
    throughputPerSec: (n * 1000) / windowMs,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    meanLatencyMs: latencies.reduce((sum, ms) => sum + ms, 0) / n,
    meanInFlight: busyMs / windowMs,
  };
}
