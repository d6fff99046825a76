/**
 * A server with a fixed service rate, the model behind the performance, latency and throughput lessons:
 * one station (./station.ts) — a pool of workers with a FIFO queue, and optionally a global lock. The lock
 * is what makes a server fast for one user yet slow for many: adding workers does not help once requests
 * queue for the lock.
 *
 * Runs come in two shapes: open loop (Poisson arrivals at a rate, for queueing and utilisation) and closed
 * loop (a fixed number of users, each waiting for its reply before sending again, for "slow under load").
 */
import { Simulation } from '../sim/index.ts';
import type { ClientRequest, History, NodeBehaviour, Operation } from '../sim/index.ts';
import { startWorkload } from '../testkit/scenario.ts';
import { startOpenLoop } from './open-loop.ts';
import { capacityPerSec, station, type StationSpec } from './station.ts';

/** A server is one station that answers clients: see ./station.ts for workers, queue and lock. */
export type ServerSpec = StationSpec;
export type { ServiceTime } from './station.ts';
export { capacityPerSec, meanServiceMs } from './station.ts';

/** The id of the server node in every load run. */
export const SERVER = 'server';

/** The server's behaviour: one station whose finished jobs are replies to the clients. */
export function loadServer(spec: ServerSpec): () => NodeBehaviour {
  return () => {
    const server = station<ClientRequest>(spec, (request) => request.id, (ctx, request) => ctx.reply(request, 'done'));
    return {
      onRequest: (ctx, request) => server.arrive(ctx, request),
      onTimer: (ctx, name, payload) => {
        server.onTimer(ctx, name, payload);
      },
    };
  };
}

/** What learners and figures measure: one record per answered request. */
export interface RequestRecord {
  readonly id: number;
  /** When the client sent it (ms). */
  readonly start: number;
  /** When the client had the reply (ms). */
  readonly end: number;
}

/** The answered requests of a history, in id order. */
export function requestRecords(history: History): RequestRecord[] {
  return history
    .filter((op): op is Operation & { completedAt: number } => op.outcome === 'ok' && op.completedAt !== undefined)
    .map((op) => ({ id: op.id, start: op.invokedAt, end: op.completedAt }));
}

export interface LoadRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  readonly requests: readonly RequestRecord[];
  /** The measurement window: after the warm-up, until the traffic stops. */
  readonly fromMs: number;
  readonly toMs: number;
}

export interface OpenLoadOptions {
  readonly server: ServerSpec;
  readonly ratePerSec: number;
  /** Traffic runs from 0 to this time; the server then drains its queue. */
  readonly durationMs: number;
  /** Measurement starts here, once the queue has reached its usual length (default: a tenth of the run). */
  readonly warmupMs?: number;
  /** Record every event (default true: failures need the story; the page's slider turns it off). */
  readonly trace?: boolean;
}

/** The link between clients and the server: 1 ms each way, so latency is nearly all queueing and service. */
const CLIENT_LINK = { latency: { kind: 'constant', ms: 1 } } as const;
/** What the client link adds to every request's latency: there and back. */
export const CLIENT_ROUND_TRIP_MS = 2 * CLIENT_LINK.latency.ms;

/**
 * Poisson arrivals at `ratePerSec` for `durationMs`; the run continues until every request is answered,
 * so the records cover every request that arrived.
 */
export function openLoadRun(options: OpenLoadOptions, seed: number): LoadRun {
  const sim = serverSimulation(options.server, seed, options.trace ?? true);
  startOpenLoop(sim, { ratePerSec: options.ratePerSec, stopMs: options.durationMs, node: SERVER });
  return finishedLoadRun(sim, seed, options);
}

/** One server behind the client link, ready for a load to be started on it. */
function serverSimulation(server: ServerSpec, seed: number, trace: boolean): Simulation {
  const sim = new Simulation({ seed, trace, maxEvents: 5_000_000 });
  sim.network.setDefault(CLIENT_LINK);
  sim.addNode(SERVER, loadServer(server));
  return sim;
}

/** Runs the load to its end and reads what it recorded, measured from the end of the warm-up. */
function finishedLoadRun(sim: Simulation, seed: number, { durationMs, warmupMs }: { durationMs: number; warmupMs?: number }): LoadRun {
  sim.run();
  const history = sim.history();
  return { seed, sim, history, requests: requestRecords(history), fromMs: warmupMs ?? Math.floor(durationMs / 10), toMs: durationMs };
}

/** Utilisation: the fraction of the server's capacity that the offered rate uses. */
export function utilisation(server: ServerSpec, ratePerSec: number): number {
  return ratePerSec / capacityPerSec(server);
}

/** The arrival rate that loads `server` to `rho` (0 < rho). */
export function rateForUtilisation(server: ServerSpec, rho: number): number {
  return rho * capacityPerSec(server);
}

export interface ClosedLoadOptions {
  readonly server: ServerSpec;
  /** Users sending one request after another. */
  readonly users: number;
  /** Pause between a reply and a user's next request (default 0). */
  readonly thinkMs?: number;
  readonly durationMs: number;
  readonly warmupMs?: number;
}

/** `users` closed-loop users (`u1`…), each sending its next request `thinkMs` after the last reply. */
export function closedLoadRun(options: ClosedLoadOptions, seed: number): LoadRun {
  const sim = serverSimulation(options.server, seed, true);
  startWorkload(sim, {
    clients: Array.from({ length: options.users }, (_, i) => ({ id: `u${i + 1}`, node: SERVER })),
    timeoutMs: 3_600_000,
    stopMs: options.durationMs,
    thinkMs: options.thinkMs ?? 0,
    next: () => ({ f: 'request' }),
  });
  return finishedLoadRun(sim, seed, options);
}

/** The latencies one load level produced: what a load test reports per step. */
export interface LatencySample {
  /** Closed-loop users sending requests back to back. */
  readonly users: number;
  /** The latency of every request completed in the measurement window, in completion order (ms). */
  readonly latenciesMs: number[];
}

export interface LoadTest {
  readonly server: ServerSpec;
  /** The load levels, e.g. [1, 2, 4, 8, 16] users. */
  readonly users: readonly number[];
  /** How long each level runs (ms). */
  readonly durationMs: number;
}

/** One closed-loop run per load level, like a load test stepping up its users; each level is a run. */
export function loadTestRuns(test: LoadTest, seed: number): LoadRun[] {
  return test.users.map((users) => closedLoadRun({ server: test.server, users, durationMs: test.durationMs }, seed));
}

/** The samples of a load test's runs: latencies of the requests completed in each run's window. */
export function latencySamples(test: LoadTest, runs: readonly LoadRun[]): LatencySample[] {
  return runs.map((run, i) => ({
    users: test.users[i] as number,
    latenciesMs: run.requests.filter((request) => request.end >= run.fromMs && request.end < run.toMs).map((request) => request.end - request.start),
  }));
}
