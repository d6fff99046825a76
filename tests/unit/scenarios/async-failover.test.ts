import { describe, expect, it } from 'vitest';
import { asyncFailoverRun, mostCaughtUp, writesLostBy, type ReplicaStatus } from '../../../src/scenarios/async-failover.ts';

const SEEDS = [1, 2, 3, 4, 5, 6];
const leastCaughtUp = (replicas: ReplicaStatus[]) => [...replicas].sort((a, b) => a.appliedSeq - b.appliedSeq)[0]!.id;

describe('an asynchronous primary that crashes, and a replica promoted in its place', () => {
  it('acknowledges writes no replica has yet, so even the best promotion can lose some', () => {
    const lost = SEEDS.map((seed) => asyncFailoverRun({ choose: mostCaughtUp }, seed)).map((run) => {
      expect(run.lost.length).toBe(run.fewestLost);
      for (const r of run.replicas) expect(r.appliedSeq).toBeLessThanOrEqual(run.acknowledged.length);
      return run.lost.length;
    });
    expect(Math.max(...lost)).toBeGreaterThan(0);
  });

  it('loses more acknowledged writes when it promotes the replica furthest behind', () => {
    const total = (choose: (r: ReplicaStatus[]) => string | null) => SEEDS.reduce((sum, seed) => sum + asyncFailoverRun({ choose }, seed).lost.length, 0);
    expect(total(leastCaughtUp)).toBeGreaterThan(total(mostCaughtUp) + SEEDS.length);
  });

  it('the promoted replica serves exactly its log: its last applied write, not the last acknowledged one', () => {
    const run = asyncFailoverRun({ choose: leastCaughtUp }, 1);
    const promoted = run.replicas.find((r) => r.id === run.chosen)!;
    const read = run.history.find((op) => op.client === 'c2')!;
    expect(read.output).toBe(`c1:${promoted.appliedSeq}`);
    expect(run.lost.map((op) => op.input)).toEqual(writesLostBy(run.acknowledged, promoted.appliedSeq).map((op) => op.input));
  });

  it('a replica that crashed is reported unreachable, and the same seed gives the same run', () => {
    const crashes = [{ node: 'R1', atMs: 450 }];
    const a = asyncFailoverRun({ choose: mostCaughtUp, replicaCrashes: crashes }, 2);
    const b = asyncFailoverRun({ choose: mostCaughtUp, replicaCrashes: crashes }, 2);
    expect(a.replicas.find((r) => r.id === 'R1')!.reachable).toBe(false);
    expect(a.chosen).not.toBe('R1');
    expect(a.sim.fingerprint()).toBe(b.sim.fingerprint());
  });

  it('longer poll intervals mean more lag and more writes lost', () => {
    const lostAt = (pollMs: number) => SEEDS.reduce((sum, seed) => sum + asyncFailoverRun({ choose: mostCaughtUp, pollMs }, seed).lost.length, 0);
    expect(lostAt(150)).toBeGreaterThan(lostAt(20));
  });
});
