import { describe, expect, it } from 'vitest';
import { readYourWritesViolations } from '../../../../src/testkit/checkers/index.ts';
import {
  PRIMARY,
  describeRoutingMessage,
  positionRouter,
  readRoutingRun,
  readsToReplicas,
  readsToSilentReplicas,
  type MakeReadRouter,
} from '../../../../exercises/read-router/scenario.ts';

const SEEDS = [1, 2, 3];
const share = (run: ReturnType<typeof readRoutingRun>) => readsToReplicas(run).length / run.routed.length;

/** Round robin over the replicas that still report, blind to positions: what read-your-writes must beat. */
const blindRouter: MakeReadRouter = (replicas, silenceMs) => {
  const inner = positionRouter(replicas, silenceMs);
  return { ...inner, writeAcknowledged: () => {} };
};

describe('read routing over asynchronous replicas', () => {
  it('routing by reported position keeps read-your-writes, spares the primary and avoids the crashed replica', () => {
    for (const seed of SEEDS) {
      const run = readRoutingRun({ makeRouter: positionRouter }, seed);
      expect(readYourWritesViolations(run.history)).toEqual([]);
      expect(share(run)).toBeGreaterThan(0.8);
      expect(readsToSilentReplicas(run)).toEqual([]);
      // Every write was acknowledged with its log position, in order.
      const positions = [...run.positions.values()].sort((a, b) => a - b);
      expect(positions).toEqual(positions.map((_, i) => i + 1));
    }
  });

  it('lags enough that reading from any live replica shows clients old values', () => {
    const violations = SEEDS.map((seed) => readYourWritesViolations(readRoutingRun({ makeRouter: blindRouter }, seed).history).length);
    expect(violations.every((count) => count > 0)).toBe(true);
  });

  it('R1 falls behind while cut off from the primary, and R3 falls silent when it crashes', () => {
    const run = readRoutingRun({ makeRouter: positionRouter }, 1);
    const toR1 = run.routed.filter((read) => read.target === 'R1');
    const positionAt = (ms: number) => Math.max(...toR1.filter((read) => read.at <= ms).map((read) => read.reported!));
    // Cut off from 300 to 700 ms: its reports stand still while the primary's log grows.
    expect(positionAt(690)).toBe(positionAt(350));
    expect(Math.max(...run.positions.values())).toBeGreaterThan(positionAt(690) + 5);
    expect(run.routed.filter((read) => read.target === 'R3' && read.at > 1000 + run.silenceMs && read.at < 1600)).toEqual([]);
    // Silence is judged on what the router heard: a policy that ignores it keeps sending reads to R3.
    expect(readsToSilentReplicas(readRoutingRun({ makeRouter: (replicas) => positionRouter(replicas, Infinity) }, 1)).length).toBeGreaterThan(0);
  });

  it('fails a read the policy routes to no known node, naming the answer', () => {
    const run = readRoutingRun({ makeRouter: () => ({ writeAcknowledged() {}, replicaReport() {}, route: () => 'R9' }) }, 1);
    const reads = run.history.filter((op) => op.f === 'read');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((op) => op.outcome === 'fail' && op.error === `route returned "R9", which is neither "${PRIMARY}" nor a replica`)).toBe(true);
    expect(readsToReplicas(run)).toEqual([]);
  });

  it('is deterministic: the same seed gives the same run', () => {
    const [a, b] = [readRoutingRun({ makeRouter: positionRouter }, 7), readRoutingRun({ makeRouter: positionRouter }, 7)];
    expect(a.sim.fingerprint()).toBe(b.sim.fingerprint());
    expect(a.routed).toEqual(b.routed);
  });

  it('describes its messages for the trace', () => {
    expect(
      [
        { type: 'write', op: 1, value: 'c1:1' },
        { type: 'written', op: 1, position: 7 },
        { type: 'read', op: 2 },
        { type: 'value', op: 2, value: 'c1:1', position: 7 },
        { type: 'fetch', after: 3 },
        { type: 'latest', position: 7, value: 'c1:1' },
        { type: 'report', position: 7 },
      ].map(describeRoutingMessage),
    ).toEqual(['write c1:1', 'written #7', 'read', 'value c1:1 @#7', 'fetch after #3', 'latest #7 c1:1', 'report @#7']);
  });
});
