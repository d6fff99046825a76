/**
 * Active-active fail-over under random traffic, for lesson 09: `servers` identical servers (N1, N2, …) share
 * Poisson traffic at a peak rate, and the load balancer sends each request to a live server picked at random.
 * Each server is lesson 3's hockey-stick server: one worker, exponential service times around 10 ms, so 100
 * requests per second at full utilisation. At the peak, N1 crashes; the balancer takes it out at once, and its
 * share of the traffic moves to the survivors. The run measures what users then see: the latency of every
 * request that arrived after the crash, from the moment it was sent to its reply.
 *
 * The capacity-headroom exercise grades a learner's plan (how many servers for a peak) on these runs, and the
 * lesson quotes their numbers.
 */
import { nearestRank, Simulation, type Client, type Operation } from '../sim/index.ts';
import { loadServer, type ServerSpec } from './load-server.ts';
import { poissonArrivals } from './open-loop.ts';

/** Every server: one worker, exponential service around 10 ms. */
export const FAILOVER_SERVER: ServerSpec = { workers: 1, service: { kind: 'exponential', meanMs: 10 } };
/** Requests per second one server completes when it is never idle. */
export const SERVER_CAPACITY_PER_SEC = 100;
/** The latency objective after a failure: the 99th percentile of the requests that arrived after it, in ms. */
export const SLO_P99_MS = 250;
/** The server that fails, and when. The traffic is at its peak from the start. */
export const FAILED_SERVER = 'N1';
export const FAIL_AT_MS = 1_000;
/** Traffic stops here; the survivors then drain their queues, so every request after the failure is answered. */
export const TRAFFIC_END_MS = 5_000;
/** The link between clients and servers: 1 ms each way. */
export const CLIENT_ROUND_TRIP_MS = 2;
/** A client gives up on a request after this long: only requests lost with the failed server wait so long. */
export const CLIENT_TIMEOUT_MS = 5_000;

export const serverName = (i: number): string => `N${i + 1}`;

export interface FailoverRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly peakPerSec: number;
  readonly servers: number;
  /** The requests sent after the crash, in the order they were sent. */
  readonly afterFailure: readonly Operation[];
  /** How many of them the balancer sent to the failed server (none, if it took the server out). */
  readonly sentToFailedAfter: number;
  /** How many requests the failed server answered before it crashed. */
  readonly answeredByFailedBefore: number;
  /** Whether the failed server was up until the crash and down from then to the end, as the simulation recorded. */
  readonly failedAtPeak: boolean;
  /** Latency of each request in `afterFailure` (ms), in the same order; Infinity for one never answered. */
  readonly latenciesMs: readonly number[];
  /** Nearest-rank 99th percentile and mean of `latenciesMs`. */
  readonly p99Ms: number;
  readonly meanMs: number;
}

/**
 * `servers` servers at `peakPerSec` from 0 to TRAFFIC_END_MS; N1 crashes at FAIL_AT_MS. `trace: false` runs
 * faster and gives the same run (the fingerprint does not depend on tracing).
 */
export function failoverRun(peakPerSec: number, servers: number, seed: number, { trace = true }: { trace?: boolean } = {}): FailoverRun {
  if (!Number.isSafeInteger(servers) || servers < 2) throw new Error(`failoverRun: needs at least 2 servers, got ${servers}`);
  const sim = new Simulation({ seed, trace, maxEvents: 5_000_000 });
  sim.network.setDefault({ latency: { kind: 'constant', ms: CLIENT_ROUND_TRIP_MS / 2 } });
  const names = Array.from({ length: servers }, (_, i) => serverName(i));
  for (const name of names) sim.addNode(name, loadServer(FAILOVER_SERVER));
  const balancer = sim.rng.fork('balancer');
  let live = names;
  let upUntilCrash = false;
  sim.at(FAIL_AT_MS, `${FAILED_SERVER} fails`, () => {
    upUntilCrash = sim.isUp(FAILED_SERVER);
    sim.crash(FAILED_SERVER);
    live = names.filter((name) => name !== FAILED_SERVER);
  });
  // Clients in the order they were last used: the front one sent the oldest request, so it is usually free again.
  const pool: Client[] = [];
  const sentTo = new Map<number, string>();
  let clients = 0;
  poissonArrivals(sim, { ratePerSec: peakPerSec, stopMs: TRAFFIC_END_MS, node: FAILED_SERVER }).forEach((at, n) => {
    sim.at(at, `arrival ${n + 1}`, () => {
      const client = pool[0]?.pending === null ? pool.shift()! : sim.addClient(`u${++clients}`, { timeoutMs: CLIENT_TIMEOUT_MS });
      pool.push(client);
      const node = live[Math.floor(balancer.next() * live.length)]!;
      sentTo.set(client.invoke({ node, f: 'request', input: n }), node);
    });
  });
  sim.run();
  const history = sim.history();
  const afterFailure = history.filter((op) => op.invokedAt >= FAIL_AT_MS);
  const latenciesMs = afterFailure.map((op) => (op.outcome === 'ok' ? op.completedAt! - op.invokedAt : Infinity));
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    seed,
    sim,
    peakPerSec,
    servers,
    afterFailure,
    sentToFailedAfter: afterFailure.filter((op) => sentTo.get(op.id) === FAILED_SERVER).length,
    answeredByFailedBefore: history.filter((op) => op.outcome === 'ok' && op.invokedAt < FAIL_AT_MS && sentTo.get(op.id) === FAILED_SERVER).length,
    failedAtPeak: upUntilCrash && !sim.isUp(FAILED_SERVER),
    latenciesMs,
    p99Ms: sorted.length === 0 ? 0 : sorted[nearestRank(0.99, sorted.length) - 1]!,
    meanMs: sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length),
  };
}

/** The survivors' utilisation after one of `servers` fails at `peakPerSec`. */
export function survivorUtilisation(peakPerSec: number, servers: number): number {
  return peakPerSec / ((servers - 1) * SERVER_CAPACITY_PER_SEC);
}

/**
 * What queueing theory predicts for the survivors' p99 in the long run (M/M/1: Poisson arrivals — a random
 * split of a Poisson stream is Poisson — exponential service, one worker): the time at a server is
 * exponential with mean 10 ms / (1 − ρ), so its 99th percentile is ln(100) · 10 ms / (1 − ρ); plus the round
 * trip on the wire. Infinity at or above full utilisation, where the queue grows without end.
 */
export function theoryP99Ms(rho: number): number {
  return rho >= 1 ? Infinity : CLIENT_ROUND_TRIP_MS + (Math.log(100) * 10) / (1 - rho);
}

/** The fewest servers whose survivors, after one failure at `peakPerSec`, the theory keeps within the SLO. */
export function theoryFewestServers(peakPerSec: number): number {
  let servers = 2;
  while (theoryP99Ms(survivorUtilisation(peakPerSec, servers)) > SLO_P99_MS) servers += 1;
  return servers;
}
