/**
 * The servers of the performance-vs-scalability lesson, shared by its exercise and its figures: each has
 * 16 workers and differs only in its code path. Load tests step through {@link LOAD_STEPS} users against
 * an SLO of p99 ≤ {@link SLO_MS}.
 */
import type { ServerSpec } from './load-server.ts';

export const SLO_MS = 100;
export const LOAD_STEPS: readonly number[] = [1, 2, 4, 8, 16];
/** How long each load step runs (ms). */
export const STEP_MS = 3000;

export const BOTTLENECK_SERVERS = {
  /** Every request does 150 ms of work: slow even alone. */
  slow: { workers: 16, service: { kind: 'constant', ms: 150 } },
  /** 2 ms of work, then 8 ms under one global lock: 12 ms alone, but requests queue for the lock. */
  locked: { workers: 16, service: { kind: 'constant', ms: 2 }, lockMs: 8 },
  /** Work of about 15 ms on average, now and then much longer; enough workers for every user. */
  healthy: { workers: 16, service: { kind: 'exponential', meanMs: 15 } },
  /** About 40 ms on average, but more than one request in a hundred takes over 100 ms, even alone. */
  spiky: { workers: 16, service: { kind: 'exponential', meanMs: 40 } },
} as const satisfies Record<string, ServerSpec>;

export type BottleneckServer = keyof typeof BOTTLENECK_SERVERS;

/**
 * Scaling out: app nodes of one worker doing 8 ms of work per request (125 per second each), four users
 * per node, in front of one database that answers a query in about 2 ms (500 per second). The database
 * saturates between four and eight nodes.
 */
export const SCALE_OUT = {
  nodes: [1, 2, 4, 8],
  tier: {
    usersPerNode: 4,
    app: { workers: 1, service: { kind: 'constant', ms: 8 } },
    database: { workers: 1, service: { kind: 'exponential', meanMs: 2 } },
    durationMs: STEP_MS,
  },
  /** Below this scaling efficiency, adding nodes mostly adds waiting. */
  efficiencyFloor: 0.8,
} as const;
