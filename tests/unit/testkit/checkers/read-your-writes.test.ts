import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atomicRegisterPlan, executeAtomically } from './atomic-register-histories.ts';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import { checkReadYourWrites, readYourWritesViolations } from '../../../../src/testkit/checkers/read-your-writes.ts';

describe('read-your-writes', () => {
  it('flags a client that does not see its own acknowledged write', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [20, 30] },
      { client: 'c1', f: 'read', output: 1, at: [30, 40] },
    ]);
    const result = checkReadYourWrites(history);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.property).toBe(
      "Each client must see its own acknowledged writes (read-your-writes), but c1 read 1 at 30–40 ms after its own write of 2 was acknowledged at 30 ms.",
    );
    expect(result.culprits.map((op) => op.id)).toEqual([1, 2]);
  });

  it('does not hold other clients to it (that is bounded staleness)', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c1', f: 'write', input: 2, at: [20, 30] },
      { client: 'c2', f: 'read', output: 1, at: [40, 50] },
      { client: 'c1', f: 'read', output: 2, at: [40, 50] },
    ]);
    expect(checkReadYourWrites(history).ok).toBe(true);
  });

  it("accepts another client's newer or concurrent write instead of one's own", () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10] },
      { client: 'c2', f: 'write', input: 2, at: [5, 40] },
      { client: 'c1', f: 'read', output: 2, at: [50, 60] },
      { client: 'c2', f: 'write', input: 3, at: [70, 80] },
      { client: 'c1', f: 'read', output: 3, at: [90, 100] },
    ]);
    expect(readYourWritesViolations(history)).toEqual([]);
  });

  it("rejects another client's older write, and the initial value", () => {
    const history = buildHistory([
      { client: 'c2', f: 'write', input: 9, at: [0, 5] },
      { client: 'c1', f: 'write', input: 1, at: [10, 20] },
      { client: 'c1', f: 'read', output: 9, at: [30, 40] },
      { client: 'c1', f: 'read', output: null, at: [50, 60] },
    ]);
    expect(readYourWritesViolations(history).map((v) => v.read.invokedAt)).toEqual([30, 50]);
  });

  it('expects nothing from writes that failed or are in doubt', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 1, at: [0, 10], outcome: 'fail' },
      { client: 'c1', f: 'write', input: 2, at: [20, 30], outcome: 'unknown' },
      { client: 'c1', f: 'read', output: null, at: [40, 50] },
    ]);
    expect(readYourWritesViolations(history)).toEqual([]);
    // With no acknowledged write of its own before the read, there is nothing to judge: never a pass.
    const result = checkReadYourWrites(history);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.property).toContain('nothing to judge');
  });

  it('keeps keys apart', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', key: 'x', input: 1, at: [0, 10] },
      { client: 'c1', f: 'read', key: 'y', output: null, at: [20, 30] },
      { client: 'c1', f: 'read', key: 'x', output: null, at: [40, 50] },
    ]);
    expect(readYourWritesViolations(history).map((v) => v.read.key)).toEqual(['x']);
  });
});

describe('read-your-writes (property)', () => {
  it('finds no violation in any history of an atomic register', () => {
    fc.assert(
      fc.property(atomicRegisterPlan, (plan) => readYourWritesViolations(executeAtomically(plan)).length === 0),
      { seed: 10, numRuns: 300 },
    );
  });
});
