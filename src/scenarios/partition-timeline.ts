/**
 * The partition {A, B} | {C} of lesson 06, watched from outside: the register and partition of
 * `partitionedRegisterRun` (./register-runs.ts), run with the reference decisions (exercises/cap-register/solution.ts), but with clients that
 * keep working through the heal (so the page can show reads after it), and snapshots of every replica's
 * version before the partition, just before the heal and after it. The lesson's space-time figures and
 * its partition toggle read this run.
 */
import { Simulation, withFinalHeal } from '../sim/index.ts';
import type { History } from '../sim/index.ts';
import { buildCluster, startWorkload } from '../testkit/scenario.ts';
import { PARTITION } from './register-runs.ts';
import { describeRegisterMessage, replicatedRegister, type ConsistencyMode, type Versioned } from './replicated-register.ts';
import { decide, lwwMerge } from '../../exercises/cap-register/solution.ts';

export const TIMELINE_REPLICAS = ['A', 'B', 'C'] as const;
export const TIMELINE_CLIENTS = [
  { id: 'c1', node: 'A' },
  { id: 'c2', node: 'B' },
  { id: 'c3', node: 'C' },
] as const;

/** The three moments the toggle shows. */
export type TimelinePhase = 'healthy' | 'partitioned' | 'healed';

/** Each phase's stretch of time; its snapshot is taken at the last millisecond. */
export const PHASE_WINDOWS: Readonly<Record<TimelinePhase, { readonly fromMs: number; readonly toMs: number }>> = Object.freeze({
  healthy: { fromMs: 0, toMs: PARTITION.startMs },
  partitioned: { fromMs: PARTITION.startMs, toMs: PARTITION.healMs },
  healed: { fromMs: PARTITION.healMs, toMs: PARTITION.healMs + 400 },
});

/** Clients stop 100 ms before the end, so the last snapshot shows replicas that had time to agree. */
const WORKLOAD_STOP_MS = PHASE_WINDOWS.healed.toMs - 100;

export interface PartitionTimeline {
  readonly mode: ConsistencyMode;
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  /** Every replica's version at each phase's snapshot. */
  readonly snapshots: Readonly<Record<TimelinePhase, Readonly<Record<string, Versioned>>>>;
}

export function partitionTimeline(mode: ConsistencyMode, seed: number): PartitionTimeline {
  const sim = new Simulation({ seed, trace: true, describeMessage: describeRegisterMessage });
  const register = replicatedRegister({ replicas: TIMELINE_REPLICAS, decide, merge: lwwMerge, mode });
  buildCluster(sim, { nodes: TIMELINE_REPLICAS, program: register.program, link: { latency: { kind: 'uniform', minMs: 1, maxMs: 6 } } });
  sim.applyFaultPlan(
    withFinalHeal([{ at: PARTITION.startMs, kind: 'partition', groups: [[...PARTITION.majority], [...PARTITION.minority]] }], {
      atMs: PARTITION.healMs,
      nodes: TIMELINE_REPLICAS,
    }),
  );
  startWorkload(sim, {
    clients: TIMELINE_CLIENTS,
    timeoutMs: 100,
    startMs: 20,
    stopMs: WORKLOAD_STOP_MS,
    thinkMs: 5,
    clientLink: { latency: { kind: 'constant', ms: 2 } },
    next: ({ client, rng, count }) => (rng.chance(0.5) ? { f: 'write', input: `${client.id}:${count}` } : { f: 'read' }),
  });
  const snapshots: Partial<Record<TimelinePhase, Record<string, Versioned>>> = {};
  for (const [phase, { toMs }] of Object.entries(PHASE_WINDOWS) as [TimelinePhase, { toMs: number }][]) {
    sim.at(toMs - 1, `snapshot ${phase}`, () => void (snapshots[phase] = register.versions()));
  }
  sim.run({ untilMs: PHASE_WINDOWS.healed.toMs });
  return { mode, seed, sim, history: sim.history(), snapshots: snapshots as Record<TimelinePhase, Record<string, Versioned>> };
}
