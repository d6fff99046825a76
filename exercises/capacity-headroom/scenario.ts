/**
 * Active-active fail-over, for lesson 09: `n` servers share the traffic; when one fails, the load balancer
 * spreads its traffic evenly over the survivors. Whether a survivor copes is measured, not assumed: one
 * survivor is simulated as a load server (lesson 3's station, one worker, constant service time) receiving
 * its own traffic plus its share of the dead server's, and its queue is watched.
 */
import { openLoadRun, type LoadRun } from '../../src/scenarios/load-server.ts';

/** How long the survivor is loaded after the failure. */
export const SURVIVOR_RUN_MS = 4_000;

export interface SurvivorRun extends LoadRun {
  /** The survivor's arrival rate after the failure (requests per second). */
  readonly ratePerSec: number;
  readonly capacityPerSec: number;
  /** Mean latency of the requests in the last second of traffic (ms). */
  readonly finalMeanLatencyMs: number;
  /** Requests still waiting or in service when the traffic stopped. */
  readonly backlogAtEnd: number;
  /** The survivor could not keep up: its queue kept growing (latency above 20 service times at the end). */
  readonly overloaded: boolean;
}

/** A survivor with `capacityPerSec` (1000 / capacity must be a whole number of ms) receiving `ratePerSec`. */
export function survivorRun(ratePerSec: number, capacityPerSec: number, seed: number): SurvivorRun {
  const serviceMs = 1000 / capacityPerSec;
  if (!Number.isInteger(serviceMs)) throw new Error(`survivorRun: 1000 / capacity must be whole milliseconds, got capacity ${capacityPerSec}`);
  const run = openLoadRun({ server: { workers: 1, service: { kind: 'constant', ms: serviceMs } }, ratePerSec, durationMs: SURVIVOR_RUN_MS }, seed);
  const last = run.requests.filter((r) => r.start >= SURVIVOR_RUN_MS - 1_000 && r.start < SURVIVOR_RUN_MS);
  const finalMeanLatencyMs = last.length === 0 ? 0 : Math.round(last.reduce((sum, r) => sum + r.end - r.start, 0) / last.length);
  const backlogAtEnd = run.requests.filter((r) => r.start < SURVIVOR_RUN_MS && r.end > SURVIVOR_RUN_MS).length;
  return { ...run, ratePerSec, capacityPerSec, finalMeanLatencyMs, backlogAtEnd, overloaded: finalMeanLatencyMs > 20 * serviceMs };
}

/** Each survivor's load when server `failed` dies and its traffic is spread evenly over the others. */
export function loadsAfterFailure(loads: readonly number[], failed: number): { server: number; load: number }[] {
  const share = loads[failed]! / (loads.length - 1);
  return loads.flatMap((load, server) => (server === failed ? [] : [{ server, load: load + share }]));
}
