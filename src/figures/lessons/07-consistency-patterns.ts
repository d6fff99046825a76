/**
 * Lesson 07's figures, from real runs of the primary-with-replicas scenario:
 * - {@link staleReadTimeline}: a writer, a primary that acknowledges writes at once, and two replicas
 *   the writes reach late. A reader of the lagging replica gets an old value after the new one was
 *   acknowledged (a stale read); once writes stop, retransmission brings every replica up to date.
 * - {@link replicationPoliciesCompared}: the same workload under weak, eventual and strong replication,
 *   over many seeds: how many reads were stale, how many runs ended with every replica on the last
 *   write, and what each write cost the writer.
 */
import type { Figure } from '../figure.ts';
import { barChart } from '../bar-chart.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { checkConvergence, staleReads } from '../../testkit/checkers/index.ts';
import { REPLICA_LINK_LATENCY, primaryWithReplicasRun, type ReplicationPolicy } from '../../scenarios/primary-with-replicas.ts';
import type { ScriptedOperation } from '../../testkit/scenario.ts';

const write = (atMs: number, value: string): ScriptedOperation => ({ atMs, client: 'c1', op: { f: 'write', input: value } });
const read = (atMs: number, client: string): ScriptedOperation => ({ atMs, client, op: { f: 'read' } });

/** Two writes, then reads on both replicas while the writes travel and after they have arrived. */
const STORY = [write(10, 'v1'), read(30, 'c2'), write(60, 'v2'), read(90, 'c2'), read(90, 'c3'), read(150, 'c2'), read(220, 'c2'), read(220, 'c3')];
const EVENTUAL: ReplicationPolicy = { acksBeforeReply: 0, retransmitMs: 40 };

/** What the timeline's caption says, from the same run: when both replicas were read at once, and from when every read returned the last write. */
export function staleReadStoryFacts(seed = 1): { readonly bothReadAtMs: number; readonly convergedReadsFromMs: number; readonly lastValue: string } {
  const run = primaryWithReplicasRun({ policy: EVENTUAL, script: STORY, settleMs: 300 }, seed);
  const reads = run.history.filter((op) => op.f === 'read' && op.outcome === 'ok');
  const lastValue = String(STORY.filter((step) => step.op.f === 'write').at(-1)!.op.input);
  const bothReadAtMs = reads.find((op) => reads.some((other) => other !== op && other.invokedAt === op.invokedAt))!.invokedAt;
  const lastWrong = Math.max(...reads.filter((op) => op.output !== lastValue).map((op) => op.invokedAt));
  return { bothReadAtMs, convergedReadsFromMs: Math.min(...reads.filter((op) => op.invokedAt > lastWrong).map((op) => op.invokedAt)), lastValue };
}

export function staleReadTimeline(seed = 1): Figure {
  const run = primaryWithReplicasRun({ policy: EVENTUAL, script: STORY, settleMs: 300 }, seed);
  const stale = staleReads(run.history);
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `Reads from lagging replicas: ${stale.length} of ${run.history.filter((op) => op.f === 'read').length} reads stale, then every replica on "v2" (seed ${seed})`,
    history: run.history,
    lanes: ['c1', 'P', 'R1', 'c2', 'R2', 'c3'],
    fromMs: 0,
    toMs: 260,
  });
}

const POLICIES: readonly { readonly name: string; readonly policy: ReplicationPolicy }[] = [
  { name: 'weak: send once, never resend', policy: { acksBeforeReply: 0, retransmitMs: null } },
  { name: 'eventual: resend until confirmed', policy: { acksBeforeReply: 0, retransmitMs: 30 } },
  { name: 'strong: wait for every replica', policy: { acksBeforeReply: 2, retransmitMs: 30 } },
];
export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

export interface PolicyOutcome {
  readonly name: string;
  /** Stale reads, as a percentage of all successful reads over every seed. */
  readonly stalePercent: number;
  /** Runs that ended with every replica holding the primary's last write, in percent. */
  readonly convergedPercent: number;
  /** Mean time from invoking a write to its acknowledgement, in ms. */
  readonly meanWriteMs: number;
  /** Mean time between the starts of two consecutive writes, in ms: the write rate the stale share depends on. */
  readonly meanWriteGapMs: number;
}

/** The replica link's mean one-way delay, in ms (before loss and resends), for captions. */
export const replicaLinkMeanMs = (REPLICA_LINK_LATENCY.minMs + REPLICA_LINK_LATENCY.maxMs) / 2;
export const replicaLinkRange = `${REPLICA_LINK_LATENCY.minMs}–${REPLICA_LINK_LATENCY.maxMs} ms`;

const mean = (values: readonly number[]): number => Math.round((10 * values.reduce((sum, v) => sum + v, 0)) / values.length) / 10;

export function policyOutcomes(): PolicyOutcome[] {
  return POLICIES.map(({ name, policy }) => {
    let reads = 0;
    let stale = 0;
    let converged = 0;
    const writeMs: number[] = [];
    const writeGaps: number[] = [];
    for (const seed of SEEDS) {
      const run = primaryWithReplicasRun({ policy }, seed);
      reads += run.history.filter((op) => op.f === 'read' && op.outcome === 'ok').length;
      stale += staleReads(run.history).length;
      if (checkConvergence(run.stored).ok) converged += 1;
      const writes = run.history.filter((op) => op.f === 'write');
      for (const op of writes) if (op.outcome === 'ok') writeMs.push(op.completedAt! - op.invokedAt);
      for (let i = 1; i < writes.length; i++) writeGaps.push(writes[i]!.invokedAt - writes[i - 1]!.invokedAt);
    }
    return {
      name,
      stalePercent: Math.round((1000 * stale) / reads) / 10,
      convergedPercent: Math.round((100 * converged) / SEEDS.length),
      meanWriteMs: mean(writeMs),
      meanWriteGapMs: mean(writeGaps),
    };
  });
}

export function replicationPoliciesCompared(outcomes: readonly PolicyOutcome[] = policyOutcomes()): Figure {
  return barChart({
    title: `Weak, eventual and strong replication over ${SEEDS.length} seeded runs`,
    x: { label: 'replication policy', categories: outcomes.map((o) => o.name) },
    y: { label: 'percent', min: 0, max: 100 },
    series: [
      { name: 'reads that were stale (%)', values: outcomes.map((o) => o.stalePercent) },
      { name: 'runs where replicas converged (%)', values: outcomes.map((o) => o.convergedPercent) },
    ],
  });
}
