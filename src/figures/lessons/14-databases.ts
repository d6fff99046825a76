/**
 * Lesson 14's figures:
 * - {@link ownWriteOnReplica}: a real run of the primary-with-replicas scenario in which a client writes to
 *   the primary and at once reads from a replica the write has not reached — replication lag, seen by the
 *   very client that wrote; a later read finds the value.
 * - {@link reshardingCompared}: for N = 2 … 9 shards, the share of 5 000 sampled keys that change shard when
 *   one more shard is added, under hash mod N and on a consistent-hash ring with 100 virtual nodes.
 */
import type { Figure } from '../figure.ts';
import { barChart } from '../bar-chart.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { staleReads } from '../../testkit/checkers/index.ts';
import { primaryWithReplicasRun } from '../../scenarios/primary-with-replicas.ts';
export { REPLICA_LINK_LATENCY } from '../../scenarios/primary-with-replicas.ts';
import { reshard, sampleKeys, type ReshardOutcome } from '../../scenarios/sharding.ts';
import type { ScriptedOperation } from '../../testkit/scenario.ts';

/** c1 writes on the primary and reads its own write back from R1 straight away, then again later. */
export const OWN_WRITE_STORY: readonly ScriptedOperation[] = [
  { atMs: 10, client: 'c1', op: { f: 'write', input: 'Grace' } },
  { atMs: 14, client: 'c1', op: { f: 'read', node: 'R1' } },
  { atMs: 120, client: 'c1', op: { f: 'read', node: 'R1' } },
];

export function ownWriteOnReplica(seed = 3): Figure {
  const run = primaryWithReplicasRun({ policy: { acksBeforeReply: 0, retransmitMs: 40 }, replicas: 1, script: OWN_WRITE_STORY, settleMs: 100 }, seed);
  const stale = staleReads(run.history);
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `Reading your own write from a lagging replica: ${stale.length} of 2 reads stale (seed ${seed})`,
    history: run.history,
    lanes: ['c1', 'P', 'R1'],
    fromMs: 0,
    toMs: 160,
  });
}

export const RESHARD_KEYS = 5_000;
export const RESHARD_VNODES = 100;

export function reshardOutcomes(keys: readonly string[] = sampleKeys(1, RESHARD_KEYS)): ReshardOutcome[] {
  return Array.from({ length: 8 }, (_, i) => reshard(keys, i + 2, RESHARD_VNODES));
}

const percent = (fraction: number) => Math.round(1000 * fraction) / 10;

export function reshardingCompared(outcomes: readonly ReshardOutcome[] = reshardOutcomes()): Figure {
  return barChart({
    title: `Keys that change shard when one shard is added (${RESHARD_KEYS} keys)`,
    x: { label: 'shards before → after', categories: outcomes.map((o) => `${o.from} → ${o.to}`) },
    y: { label: 'keys moved (%)', min: 0, max: 100 },
    series: [
      { name: 'hash mod N', values: outcomes.map((o) => percent(o.modMoved)) },
      { name: `ring, ${RESHARD_VNODES} virtual nodes`, values: outcomes.map((o) => percent(o.ringMoved)) },
      { name: 'the minimum: 1 / new shard count', values: outcomes.map((o) => percent(o.ideal)) },
    ],
  });
}
