/**
 * A black-box load test for lesson 02: a server the learner cannot see inside, run one step at a time at
 * whatever number of users the learner's code asks for. The knee-finding exercise (classify-bottleneck) drives
 * it, and the lesson's text reads its numbers from the same runs.
 *
 * Each step is its own run of the simulation — `users` closed-loop users sending requests back to back for
 * {@link STEP_MS} — and reports what a load-testing tool would: requests, throughput and latency percentiles
 * over the window after the warm-up. Every level draws from the seed's one stream (common random numbers), so
 * a level's run does not depend on which levels ran before it.
 *
 * Four server shapes, each with a knee (the highest load whose p99 meets the SLO, {@link kneeOf}):
 * - `slow`: 150 ms of work per request, slow even for one user — no load meets the SLO;
 * - `locked`: 2 ms of work, then 8 ms under one global lock — 12 ms alone, but requests queue for the lock;
 * - `pool`: a pool of 4 workers doing 20 ms each — flat latency until the pool is busy, then a queue;
 * - `tail`: 2 workers with exponential work of 10 ms on average — a mean far below the p99, and a step that a
 *   hiccup (the server frozen for {@link HICCUP_MS}, a noisy neighbour or a garbage-collection pause) can
 *   push over the SLO at any load.
 */
import { Simulation, nearestRank } from '../sim/index.ts';
import type { Operation } from '../sim/index.ts';
import { startWorkload } from '../testkit/scenario.ts';
import type { SeededRun } from '../testkit/scenario-seeds.ts';
import { BOTTLENECK_SERVERS } from './bottleneck-servers.ts';
import { loadServer, SERVER, type ServerSpec } from './load-server.ts';

export const SLO_MS = 100;
/** The heaviest load a step may ask for. */
export const MAX_USERS = 40;
/** The most steps one load test may run (a level run twice counts twice). */
export const MAX_STEPS = 12;
/** How long each step runs (virtual ms); measurement starts after {@link WARMUP_MS}. */
export const STEP_MS = 600;
export const WARMUP_MS = 100;
/** How long a hiccup freezes the server. */
export const HICCUP_MS = 200;
/** When, in a step, a hiccup starts. */
const HICCUP_AT_MS = 250;

/** The slow and locked servers are the ones in the lesson's first figure. */
export const KNEE_SERVERS = {
  slow: BOTTLENECK_SERVERS.slow,
  locked: BOTTLENECK_SERVERS.locked,
  pool: { workers: 4, service: { kind: 'constant', ms: 20 } },
  tail: { workers: 2, service: { kind: 'exponential', meanMs: 10 } },
} as const satisfies Record<string, ServerSpec>;

export type KneeServer = keyof typeof KNEE_SERVERS;

/** What one step of the load test measured: what a load-testing tool prints for a level. */
export interface StepResult {
  /** Closed-loop users at this step. */
  readonly users: number;
  /** Requests completed in the measurement window. */
  readonly requests: number;
  readonly throughputPerSec: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  /** Nearest rank: the ⌈0.99 · n⌉-th smallest latency. */
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface StepRun extends SeededRun {
  readonly result: StepResult;
  /** The requests completed in the measurement window, slowest first. */
  readonly slowest: readonly Operation[];
}

/** The client link: 1 ms each way. */
const CLIENT_LINK = { latency: { kind: 'constant', ms: 1 } } as const;

/**
 * One step: `users` users against `server` for {@link STEP_MS}, frozen for {@link HICCUP_MS} when `hiccup` is
 * set. `trace` records every event, for a failure's story; without it the run is several times faster.
 */
export function stepRun(server: ServerSpec, users: number, hiccup: boolean, seed: number, trace = true): StepRun {
  // Every level draws from the same stream: job k needs the same work at every load, so the p99 rises smoothly.
  const sim = new Simulation({ seed, trace, maxEvents: 2_000_000 });
  sim.network.setDefault(CLIENT_LINK);
  sim.addNode(SERVER, loadServer(server));
  startWorkload(sim, {
    clients: Array.from({ length: users }, (_, i) => ({ id: `u${i + 1}`, node: SERVER })),
    timeoutMs: 3_600_000,
    stopMs: STEP_MS,
    next: () => ({ f: 'request' }),
  });
  if (hiccup) {
    sim.at(HICCUP_AT_MS, 'hiccup', () => sim.pause(SERVER));
    sim.at(HICCUP_AT_MS + HICCUP_MS, 'hiccup over', () => sim.resume(SERVER));
  }
  sim.run();
  const measured = sim.history().filter((op) => op.outcome === 'ok' && op.completedAt !== undefined && op.completedAt >= WARMUP_MS && op.completedAt < STEP_MS);
  const latency = (op: Operation) => (op.completedAt as number) - op.invokedAt;
  const slowest = [...measured].sort((a, b) => latency(b) - latency(a) || a.id - b.id);
  const sorted = slowest.map(latency).reverse();
  const at = (q: number) => sorted[nearestRank(q, sorted.length) - 1] ?? 0;
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length);
  return {
    seed,
    sim,
    slowest,
    result: {
      users,
      requests: sorted.length,
      throughputPerSec: Math.round((sorted.length * 1000) / (STEP_MS - WARMUP_MS)),
      meanMs: Math.round(mean * 10) / 10,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: sorted.at(-1) ?? 0,
    },
  };
}

/**
 * The knee: the highest level whose p99 meets the SLO, 0 when even one user misses, {@link MAX_USERS} when no
 * level misses. Found by bisection, which is exact because on every graded server and seed the p99 crosses
 * the SLO once — every level up to the knee meets it and every level above misses — as the scenario's unit
 * test checks level by level.
 */
export function kneeOf(measure: (users: number) => StepResult): number {
  let meets = 0;
  let misses = MAX_USERS + 1;
  while (misses - meets > 1) {
    const users = Math.floor((meets + misses) / 2);
    if (measure(users).p99Ms <= SLO_MS) meets = users;
    else misses = users;
  }
  return meets;
}
