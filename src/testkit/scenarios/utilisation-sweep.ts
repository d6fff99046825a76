/**
 * The latency lesson's running example, shared by its build-time figure and its in-page load slider: one
 * server with one worker and exponential service around 10 ms (capacity 100 requests per second), loaded
 * by Poisson arrivals at a chosen utilisation, measured over a window that starts and ends quiet — where
 * Little's law is exact.
 */
import { openLoadRun, rateForUtilisation, type ServerSpec } from './load-server.ts';
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
