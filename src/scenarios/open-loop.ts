/**
 * Open-loop traffic: requests arrive at their own pace (a Poisson process at a given rate), whether or not
 * earlier ones have been answered — like users on the internet, who do not wait for each other. A
 * closed loop (src/testkit/scenario.ts) sends the next request only after the last reply, so it slows down
 * with the server and can never push it past saturation; queueing lessons need the open loop.
 *
 * A simulated client has at most one request in flight, so the arrivals are spread over a pool of clients
 * (`u1`, `u2`, …) that grows whenever every client is busy.
 */
import type { Simulation } from '../sim/index.ts';
import type { Client } from '../sim/index.ts';

export interface OpenLoopSpec {
  /** Mean arrivals per second of virtual time. */
  readonly ratePerSec: number;
  /** First arrival no earlier than this (default 0). */
  readonly startMs?: number;
  /** No arrival at or after this time. */
  readonly stopMs: number;
  /** The node every request goes to. */
  readonly node: string;
  /** The operation name (default 'request'). */
  readonly f?: string;
  /** The input of the n-th request (0-based); default: n. */
  readonly input?: (n: number) => unknown;
  /** How long a client waits for a reply (default: one virtual hour, i.e. never in practice). */
  readonly timeoutMs?: number;
}

/** The prefix of the pool's client ids. */
export const OPEN_LOOP_CLIENT_PREFIX = 'u';

/** Arrival times (integer ms, non-decreasing) of a Poisson process, drawn from the `arrivals` stream. */
export function poissonArrivals(sim: Simulation, spec: OpenLoopSpec): number[] {
  if (!(spec.ratePerSec > 0)) throw new Error(`open-loop traffic: ratePerSec must be positive, got ${spec.ratePerSec}`);
  const rng = sim.rng.fork('arrivals');
  const meanGapMs = 1000 / spec.ratePerSec;
  const times: number[] = [];
  // Accumulate exact (fractional) times and round each down, so rounding never drifts the rate.
  for (let t = (spec.startMs ?? 0) - meanGapMs * Math.log(1 - rng.next()); t < spec.stopMs; t -= meanGapMs * Math.log(1 - rng.next())) {
    times.push(Math.floor(t));
  }
  return times;
}

/** Schedules the arrivals; each one is sent by the first idle client of the pool. */
export function startOpenLoop(sim: Simulation, spec: OpenLoopSpec): void {
  const pool: Client[] = [];
  const timeoutMs = spec.timeoutMs ?? 3_600_000;
  poissonArrivals(sim, spec).forEach((at, n) => {
    sim.at(at, `arrival ${n + 1}`, () => {
      let client = pool.find((candidate) => candidate.pending === null);
      if (client === undefined) {
        client = sim.addClient(`${OPEN_LOOP_CLIENT_PREFIX}${pool.length + 1}`, { timeoutMs });
        pool.push(client);
      }
      client.invoke({ node: spec.node, f: spec.f ?? 'request', input: spec.input?.(n) ?? n });
    });
  });
}
