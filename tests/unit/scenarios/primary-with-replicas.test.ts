import { describe, expect, it } from 'vitest';
import { checkConvergence, staleReads } from '../../../src/testkit/checkers/index.ts';
import {
  PRIMARY,
  describeReplicationMessage,
  primaryWithReplicasRun,
  type ReplicationPolicy,
} from '../../../src/scenarios/primary-with-replicas.ts';

const strong: ReplicationPolicy = { acksBeforeReply: 2, retransmitMs: 30 };
const eventual: ReplicationPolicy = { acksBeforeReply: 0, retransmitMs: 30 };
const weak: ReplicationPolicy = { acksBeforeReply: 0, retransmitMs: null };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

const meanWriteMs = (policy: ReplicationPolicy, seed: number) => {
  const writes = primaryWithReplicasRun({ policy }, seed).history.filter((op) => op.f === 'write' && op.outcome === 'ok');
  return writes.reduce((sum, op) => sum + op.completedAt! - op.invokedAt, 0) / writes.length;
};

describe('a primary with read replicas', () => {
  it('waiting for every replica: no stale read, and slower writes than acknowledging at once', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      expect(staleReads(primaryWithReplicasRun({ policy: strong }, seed).history)).toEqual([]);
      expect(meanWriteMs(strong, seed)).toBeGreaterThan(5 * meanWriteMs(eventual, seed));
    }
  });

  it('acknowledging at once: stale reads from lagging replicas, then convergence on the last write', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const run = primaryWithReplicasRun({ policy: eventual }, seed);
      expect(staleReads(run.history).length).toBeGreaterThan(0);
      expect(checkConvergence(run.stored).ok).toBe(true);
      const lastWrite = run.history.filter((op) => op.f === 'write').at(-1)!;
      expect(run.stored[PRIMARY]!.value).toBe(lastWrite.input);
    }
  });

  it('sending once over a lossy network: some runs never converge', () => {
    const diverged = SEEDS.filter((seed) => !checkConvergence(primaryWithReplicasRun({ policy: weak }, seed).stored).ok);
    expect(diverged.length).toBeGreaterThan(0);
    expect(diverged.length).toBeLessThan(SEEDS.length);
  });

  it('never moves a replica backwards, whatever order copies arrive in', () => {
    const run = primaryWithReplicasRun({ policy: eventual, replicaLink: { order: 'reorder', duplicate: 0.5 } }, 3);
    const reads = run.history.filter((op) => op.f === 'read' && op.outcome === 'ok');
    for (const client of ['c2', 'c3']) {
      const seen = reads.filter((op) => op.client === client).map((op) => (op.output === null ? 0 : Number(String(op.output).split(':')[1])));
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  });

  it('plays a script instead of the random workload, and replays identically for a seed', () => {
    const script = [
      { atMs: 10, client: 'c1', op: { f: 'write', input: 'v1' } },
      { atMs: 200, client: 'c2', op: { f: 'read' } },
    ];
    const run = primaryWithReplicasRun({ policy: eventual, script }, 1);
    expect(run.history.map((op) => [op.client, op.f, op.outcome])).toEqual([['c1', 'write', 'ok'], ['c2', 'read', 'ok']]);
    expect(run.history[1]!.output).toBe('v1');
    expect(primaryWithReplicasRun({ policy: eventual, script }, 1).sim.fingerprint()).toBe(run.sim.fingerprint());
    expect(describeReplicationMessage({ type: 'replicate', seq: 3, value: 'v1' })).toBe('replicate #3 "v1"');
  });
});
