/**
 * Ready-made runs of the replicated register (./replicated-register.ts), shared by the CAP lesson and
 * the consistency lessons after it:
 * - {@link partitionedRegisterRun}: three replicas, the partition {A, B} | {C}, clients on every side.
 * Each client writes values that name it ("c1:4"), so every written value is unique.
 */
import type { History, Operation } from '../sim/history.ts';
import { runScenario, type ScenarioRun, type Workload, type WorkloadClient } from '../testkit/scenario.ts';
import {
  describeRegisterMessage,
  replicatedRegister,
  type ConsistencyMode,
  type DecideFn,
  type MergeFn,
  type Versioned,
} from './replicated-register.ts';

/**
 * A finished run of the replicated register: a `ScenarioRun` plus every replica's version at the end of
 * the settle window.
 */
export interface RegisterRun extends ScenarioRun {
  /** Every replica's version at the end of the settle window. */
  readonly versions: Readonly<Record<string, Versioned>>;
}

/** The partition of {@link partitionedRegisterRun}, and when it starts and heals. */
export const PARTITION = Object.freeze({
  majority: ['A', 'B'] as const,
  minority: ['C'] as const,
  startMs: 300,
  healMs: 1200,
  /** Enough for the minority to notice it is cut off (heartbeat timeout plus a timed-out round). */
  detectedMs: 450,
});

/** Clients issue random reads and writes until this time. */
const WORKLOAD_STOP_MS = 1000;
const CLIENT_TIMEOUT_MS = 100;
/** After the workload, c1 (at A) and c3 (at C) write in the same millisecond, while still partitioned. */
export const SAME_MILLISECOND_WRITES_MS = 1150;
const SETTLE_MS = 400;

function replicaIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
}

function clientsFor(replicas: readonly string[]): WorkloadClient[] {
  return replicas.map((node, i) => ({ id: `c${i + 1}`, node }));
}

/** Half reads, half writes of fresh values. */
function readsAndWrites(clients: readonly WorkloadClient[], stopMs: number, operations: number): Omit<Workload, 'script'> {
  return {
    clients,
    timeoutMs: CLIENT_TIMEOUT_MS,
    startMs: 20,
    stopMs,
    thinkMs: 5,
    // Constant client links: a write's timestamp is its invocation time + 2 ms, so history order is version order.
    clientLink: { latency: { kind: 'constant', ms: 2 } },
    next: ({ client, rng, count }) => (count >= operations ? null : rng.chance(0.5) ? { f: 'write', input: `${client.id}:${count}` } : { f: 'read' }),
  };
}

/**
 * The register's decisions for `partitionedRegisterRun` (the learner's or the reference ones): `decide`,
 * `merge`, and the consistency mode handed to `decide`.
 */
export interface PartitionedRegisterOptions {
  readonly decide: DecideFn;
  readonly merge: MergeFn;
  readonly mode: ConsistencyMode;
  /**
   * Random operations each client issues at most (default: as many as fit before 1000 ms, about 140). A
   * failing run is shrunk over it; the scripted same-millisecond writes happen whatever it is.
   */
  readonly operationsPerClient?: number;
}

/**
 * Replicas A, B, C with clients c1→A, c2→B, c3→C. Random reads and writes from 20 ms to 1000 ms; the
 * partition {A, B} | {C} from 300 ms; c1 and c3 both write at 1150 ms; heal at 1200 ms; judged at 1600 ms.
 */
export function partitionedRegisterRun(options: PartitionedRegisterOptions, seed: number): RegisterRun {
  const replicas = replicaIds(3);
  const register = replicatedRegister({ replicas, ...options });
  const clients = clientsFor(replicas);
  const run = runScenario(
    {
      cluster: { nodes: replicas, program: register.program, link: { latency: { kind: 'uniform', minMs: 1, maxMs: 6 } } },
      faults: [{ at: PARTITION.startMs, kind: 'partition', groups: [[...PARTITION.majority], [...PARTITION.minority]] }],
      healAtMs: PARTITION.healMs,
      workload: {
        ...readsAndWrites(clients, WORKLOAD_STOP_MS, options.operationsPerClient ?? Infinity),
        script: [
          { atMs: SAME_MILLISECOND_WRITES_MS, client: 'c1', op: { f: 'write', input: 'c1:last' } },
          { atMs: SAME_MILLISECOND_WRITES_MS, client: 'c3', op: { f: 'write', input: 'c3:last' } },
        ],
      },
      settleMs: SETTLE_MS,
      describeMessage: describeRegisterMessage,
    },
    seed,
  );
  return { ...run, versions: register.versions() };
}

/** The acknowledged write that should win last-writer-wins: latest invocation, ties to the larger client id. */
export function lastAcknowledgedWrite(history: History): Operation | undefined {
  let last: Operation | undefined;
  for (const op of history) {
    if (op.f !== 'write' || op.outcome !== 'ok') continue;
    if (last === undefined || op.invokedAt > last.invokedAt || (op.invokedAt === last.invokedAt && op.client > last.client)) last = op;
  }
  return last;
}

/** The writes that produced the given versions (for a failure's story). */
export function writesOf(history: History, versions: readonly Versioned[]): Operation[] {
  return history.filter((op) => op.f === 'write' && versions.some((v) => v.value === op.input && v.writer === op.client));
}

/** "\"c3:last\" (ts 1152, by c3)" */
export function describeVersion(version: Versioned): string {
  return version.writer === '' ? 'nothing (never written)' : `${JSON.stringify(version.value)} (ts ${version.ts}, by ${version.writer})`;
}
