/**
 * Traffic measured over a window of a load run: throughput, latency percentiles, mean latency and mean
 * in-flight requests. The latency lesson's tests compare learners' numbers with these, and its load
 * slider shows them live; Little's law (in-flight ≈ throughput × latency) can be checked on the result.
 *
 * Over an arbitrary window Little's law is only approximate: requests straddling either edge count in one
 * side of the equation but not the other. Over a window that starts and ends with nothing in flight
 * ({@link quietWindow}) it is exact.
 *
 * In-flight is measured by a sweep over the arrival and completion events, the way a monitoring agent
 * would sample a gauge — not by adding up each request's overlap with the window — so it checks a learner's
 * arithmetic rather than repeating it.
 */
import { nearestRank } from '../sim/index.ts';
import type { RequestRecord } from './load-server.ts';

export interface TrafficStats {
  /** Requests completed in [from, to), per second. */
  readonly throughputPerSec: number;
  /** Nearest-rank percentiles of the latencies of those requests, in ms (0 when none completed). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanLatencyMs: number;
  /** Time-averaged number of requests in flight during [from, to). */
  readonly meanInFlight: number;
  /** How many requests completed in the window. */
  readonly completed: number;
}

export function trafficStats(requests: readonly RequestRecord[], fromMs: number, toMs: number): TrafficStats {
  if (!(toMs > fromMs)) throw new Error(`trafficStats: the window must be non-empty, got [${fromMs}, ${toMs})`);
  const latencies = requests
    .filter((request) => request.end >= fromMs && request.end < toMs)
    .map((request) => request.end - request.start)
    .sort((a, b) => a - b);
  const percentile = (q: number): number => (latencies.length === 0 ? 0 : (latencies[nearestRank(q, latencies.length) - 1] as number));
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  return {
    throughputPerSec: (latencies.length * 1000) / (toMs - fromMs),
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    meanLatencyMs: latencies.length === 0 ? 0 : total / latencies.length,
    meanInFlight: meanInFlight(requests, fromMs, toMs),
    completed: latencies.length,
  };
}

/** How the number of requests in flight changes: [time, in flight from then until the next change], in time order. */
function inFlightSteps(requests: readonly RequestRecord[]): [number, number][] {
  const changes = new Map<number, number>();
  for (const { start, end } of requests) {
    changes.set(start, (changes.get(start) ?? 0) + 1);
    changes.set(end, (changes.get(end) ?? 0) - 1);
  }
  let inFlight = 0;
  return [...changes].sort(([a], [b]) => a - b).map(([time, change]) => [time, (inFlight += change)]);
}

/**
 * The widest window inside [fromMs, toMs) that starts and ends at a quiet moment — nothing in flight — so
 * that every request counted in it started and ended inside it. Null if there is no such moment.
 */
export function quietWindow(requests: readonly RequestRecord[], fromMs: number, toMs: number): { fromMs: number; toMs: number } | null {
  const steps = inFlightSteps(requests);
  // Quiet spans [time, next change) with nothing in flight; before the first change nothing is in flight either.
  const quiet: [number, number][] = [[Number.NEGATIVE_INFINITY, steps[0]?.[0] ?? Number.POSITIVE_INFINITY]];
  steps.forEach(([time, inFlight], i) => {
    if (inFlight === 0) quiet.push([time, steps[i + 1]?.[0] ?? Number.POSITIVE_INFINITY]);
  });
  // A quiet millisecond m (nothing in flight during [m, m + 1)) can open a window at m + 1 or close one at m + 1.
  const first = quiet.find(([, until]) => until > fromMs - 1);
  const last = [...quiet].reverse().find(([since]) => since <= toMs - 1);
  if (first === undefined || last === undefined) return null;
  const from = Math.max(first[0], fromMs - 1) + 1;
  const to = Math.min(last[1] - 1, toMs - 1) + 1;
  return to > from ? { fromMs: from, toMs: to } : null;
}

/** The area under the in-flight step function over [from, to), divided by the window's length. */
function meanInFlight(requests: readonly RequestRecord[], fromMs: number, toMs: number): number {
  let inFlight = 0;
  let area = 0;
  let last = fromMs;
  for (const [time, after] of inFlightSteps(requests)) {
    if (time >= toMs) break;
    if (time > fromMs) {
      area += inFlight * (time - last);
      last = time;
    }
    inFlight = after;
  }
  area += inFlight * (toMs - last);
  return area / (toMs - fromMs);
}
