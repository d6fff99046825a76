import { describe, expect, it } from 'vitest';
import { checkConvergence, checkLinearizable, registerModel, staleReads, checkAvailability } from '../../../src/testkit/checkers/index.ts';
import { PARTITION, partitionedRegisterRun, lastAcknowledgedWrite } from '../../../src/scenarios/register-runs.ts';
import {
  describeRegisterMessage,
  type DecideFn,
  type MergeFn,
} from '../../../src/scenarios/replicated-register.ts';

const lww: MergeFn = (a, b) => (a.ts !== b.ts ? (a.ts > b.ts ? a : b) : a.writer >= b.writer ? a : b);
const majorityOrRefuse: DecideFn = (_op, mode, reachable, n) => (mode === 'AP' ? 'local' : reachable > n / 2 ? 'quorum' : 'reject');

describe('the replicated register scaffold', () => {
  it('CP with majority quorums: linearizable, the minority refuses, the majority answers', () => {
    for (const seed of [1, 2]) {
      const run = partitionedRegisterRun({ decide: majorityOrRefuse, merge: lww, mode: 'CP' }, seed);
      expect(checkLinearizable(run.history, registerModel()).ok).toBe(true);
      const minority = run.history.filter((op) => op.client === 'c3' && op.invokedAt >= PARTITION.detectedMs && op.invokedAt < PARTITION.healMs);
      expect(minority.length).toBeGreaterThan(10);
      expect(minority.every((op) => op.outcome === 'fail' && op.error === 'refused: 1 of 3 replicas reachable')).toBe(true);
      const majority = run.history.filter((op) => op.client !== 'c3');
      expect(checkAvailability(majority, { deadlineMs: 100, atLeast: 1, fromMs: PARTITION.startMs, toMs: PARTITION.healMs }).ok).toBe(true);
    }
  });

  it('AP with local reads and writes: always answers, serves stale reads, converges on the last write', () => {
    const run = partitionedRegisterRun({ decide: majorityOrRefuse, merge: lww, mode: 'AP' }, 1);
    expect(run.history.every((op) => op.outcome === 'ok')).toBe(true);
    expect(staleReads(run.history).length).toBeGreaterThan(0);
    expect(checkLinearizable(run.history, registerModel()).ok).toBe(false);
    expect(checkConvergence(run.versions).ok).toBe(true);
    // c1 and c3 write in the same millisecond; c3 is the larger writer id.
    expect(lastAcknowledgedWrite(run.history)?.input).toBe('c3:last');
    expect(Object.values(run.versions).map((v) => v.value)).toEqual(['c3:last', 'c3:last', 'c3:last']);
  });

  it('asks merge only about two different versions, and keeps an answer equal to one of them as that very version', () => {
    for (const mode of ['CP', 'AP'] as const) {
      const asked: [unknown, unknown][] = [];
      const recording: MergeFn = (a, b) => (asked.push([a, b]), lww(a, b));
      // What learner code answers arrives as a copy (the boundary copies every value crossing out).
      let copyingAsked = 0;
      const copying: MergeFn = (a, b) => (copyingAsked++, { ...lww(a, b) });
      const plain = partitionedRegisterRun({ decide: majorityOrRefuse, merge: recording, mode }, 3);
      expect(asked.length).toBeGreaterThan(50);
      expect(asked.every(([a, b]) => a !== b)).toBe(true);
      const copied = partitionedRegisterRun({ decide: majorityOrRefuse, merge: copying, mode }, 3);
      expect(copied.sim.fingerprint()).toBe(plain.sim.fingerprint());
      expect(copied.versions).toEqual(plain.versions);
      // Kept as the replica's own version, a copied answer travels on and meets itself as the original does.
      expect(copyingAsked).toBe(asked.length);
    }
    // A version with a field more than the two it merged is kept as it was answered.
    const extended: MergeFn = (a, b) => ({ ...lww(a, b), note: 'mine' }) as ReturnType<MergeFn>;
    const run = partitionedRegisterRun({ decide: majorityOrRefuse, merge: extended, mode: 'AP' }, 3);
    expect(Object.values(run.versions).every((version) => (version as { note?: string }).note === 'mine')).toBe(true);
  });

  it('says plainly when the plugged-in functions return nonsense', () => {
    const badDecide = (() => 'maybe') as unknown as DecideFn;
    expect(() => partitionedRegisterRun({ decide: badDecide, merge: lww, mode: 'CP' }, 1)).toThrow(
      `decide("read", "CP", 3, 3) returned "maybe"; it must return 'quorum', 'local' or 'reject'.`,
    );
    const badMerge = (() => undefined) as unknown as MergeFn;
    expect(() => partitionedRegisterRun({ decide: majorityOrRefuse, merge: badMerge, mode: 'AP' }, 1)).toThrow(
      /^lwwMerge\(.*\) returned undefined; it must return a version \{ value, ts, writer \}\.$/,
    );
  });

  it('describes its messages for the trace', () => {
    expect(describeRegisterMessage({ type: 'store', round: 12, version: { value: 'c1:3', ts: 120, writer: 'c1' } })).toBe(
      'store "c1:3" ts=120 by c1 (op 12)',
    );
    expect(describeRegisterMessage({ type: 'state', round: 4, version: { value: null, ts: 0, writer: '' } })).toBe('state null ts=0 (op 4)');
  });
});
