/**
 * The latency lesson's running example, shared by its build-time figure and its in-page load slider: one
 * server with one worker and exponential service around 10 ms (capacity 100 requests per second), loaded
 * by Poisson arrivals at a chosen utilisation, measured over a window that starts and ends quiet — where
 * Little's law is exact.
 */
import { nearestRank } from '../sim/index.ts';
import { CLIENT_ROUND_TRIP_MS, meanServiceMs, openLoadRun, rateForUtilisation, type ServerSpec } from './load-server.ts';
import { quietWindow, trafficStats, type TrafficStats } from './traffic-stats.ts';

export const HOCKEY_STICK_SERVER: ServerSpec = { workers: 1, service: { kind: 'exponential', meanMs: 10 } };

/** Long enough for the tail at 95% utilisation to show, short enough to run on every slider step. */
export const SWEEP_DURATION_MS = 60_000;

export interface UtilisationPoint extends TrafficStats {
  /** The offered load, in requests per second. */
  readonly ratePerSec: number;
  /** The measurement window. */
  readonly fromMs: number;
  readonly toMs: number;
}

export function measureAtUtilisation(server: ServerSpec, rho: number, seed: number, durationMs = SWEEP_DURATION_MS): UtilisationPoint {
  const ratePerSec = rateForUtilisation(server, rho);
  const run = openLoadRun({ server, ratePerSec, durationMs, trace: false }, seed);
  const window = quietWindow(run.requests, run.fromMs, run.toMs) ?? { fromMs: run.fromMs, toMs: run.toMs };
  return { ratePerSec, ...window, ...trafficStats(run.requests, window.fromMs, window.toMs) };
}

/** Latency statistics pooled over several seeded runs, each measured over one fixed window. */
export interface PooledLatency {
  readonly rho: number;
  readonly seeds: number;
  /** How many requests were measured, over all runs. */
  readonly samples: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Runs `seeds` open-loop runs of `durationMs` at utilisation `rho` and pools the latency of every request that
 * *arrived* in the fixed window [durationMs / 10, durationMs) — after the warm-up, and every one of them
 * answered, since each run drains. A window chosen by what happened in it (such as one ending at the last
 * empty moment) would favour calm stretches and read low at high load.
 */
export function pooledLatency(server: ServerSpec, rho: number, seeds: number, durationMs: number): PooledLatency {
  const latencies: number[] = [];
  const ratePerSec = rateForUtilisation(server, rho);
  for (let seed = 1; seed <= seeds; seed++) {
    const run = openLoadRun({ server, ratePerSec, durationMs, trace: false }, seed);
    for (const request of run.requests) if (request.start >= run.fromMs && request.start < run.toMs) latencies.push(request.end - request.start);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[nearestRank(q, latencies.length) - 1]!;
  return { rho, seeds, samples: latencies.length, meanMs: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/**
 * What queueing theory predicts for this server (M/M/1: Poisson arrivals, exponential service, one worker,
 * first come first served): the response time is exponential with mean S / (1 − ρ), so its q-quantile is
 * −ln(1 − q) · S / (1 − ρ) — every percentile scales by the same factor 1 / (1 − ρ). Plus the client link's
 * round trip. `q` is a quantile in (0, 1), or 'mean'.
 */
export function mm1LatencyMs(server: ServerSpec, rho: number, q: number | 'mean'): number {
  if (server.workers !== 1 || server.service.kind !== 'exponential') throw new Error('mm1LatencyMs: M/M/1 needs one worker and exponential service');
  const scale = meanServiceMs(server.service) / (1 - rho);
  return CLIENT_ROUND_TRIP_MS + (q === 'mean' ? scale : -Math.log(1 - q) * scale);
}
