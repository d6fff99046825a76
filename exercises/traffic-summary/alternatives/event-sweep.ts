// Measures requests in flight by sweeping start/end events across the window, and collects latencies with one loop into a typed array, instead of per-request overlap sums and filter/map.
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

/** Sum over time of how many requests are in flight, within [from, to), from +1/−1 events. */
function inFlightMs(trace: readonly RequestRecord[], from: number, to: number): number {
  const events: [at: number, change: number][] = [];
  for (const { start, end } of trace) {
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (a < b) events.push([a, 1], [b, -1]);
  }
  events.sort((x, y) => x[0] - y[0]);
  let total = 0;
  let open = 0;
  let last = from;
  for (const [at, change] of events) {
    total += open * (at - last);
    open += change;
    last = at;
  }
  return total;
}

export function summarize(trace: RequestRecord[], from: number, to: number): Summary {
  const collected: number[] = [];
  let sum = 0;
  for (const { start, end } of trace) {
    if (end < from || end >= to) continue;
    collected.push(end - start);
    sum += end - start;
  }
  const latencies = Float64Array.from(collected).sort();
  const n = latencies.length;
  const rank = (p: number): number => (n === 0 ? 0 : latencies[Math.ceil((p * n) / 100) - 1]!);
  return {
    throughputPerSec: (n * 1000) / (to - from),
    p50Ms: rank(50),
    p99Ms: rank(99),
    meanLatencyMs: n === 0 ? 0 : sum / n,
    meanInFlight: inFlightMs(trace, from, to) / (to - from),
  };
}
