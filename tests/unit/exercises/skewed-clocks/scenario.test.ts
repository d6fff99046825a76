import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../../src/testkit/index.ts';
import { B_SKEW_MS, STORY, skewedClocksRun, writesFollowed, type Stamp, type StampRules } from '../../../../exercises/skewed-clocks/scenario.ts';
import * as Reference from '../../../../exercises/skewed-clocks/solution.ts';

const reference: StampRules = { clock: (replica) => new Reference.Clock(replica), compare: Reference.compareStamps };
/** Last writer wins on each replica's wall clock. */
const wallClock: StampRules = {
  clock: (replica) => ({ stamp: (now: number): Stamp => ({ time: now, replica }), observe: () => {} }),
  compare: Reference.compareStamps,
};

describe('skewed clocks', () => {
  it('runs B 200 ms behind while the story is told, and every replica ends with c2:last under the reference clock', () => {
    for (const seed of [1, 2, 3, 4]) {
      const run = skewedClocksRun(reference, seed);
      const b = run.writes.filter((w) => w.node === 'B');
      expect(b.length).toBeGreaterThan(3);
      for (const w of b) expect(w.clockMs - w.atMs).toBe(B_SKEW_MS);
      expect(Object.values(run.versions).map((v) => v.value)).toEqual([STORY.second.value, STORY.second.value, STORY.second.value]);
      expect(run.history.every((op) => op.outcome === 'ok')).toBe(true);
    }
  });

  it('loses c2:last to c1:last when writes are stamped by wall clock, on every seed', () => {
    for (const seed of [1, 2, 3, 4]) {
      const run = skewedClocksRun(wallClock, seed);
      const read = run.history.find((op) => op.f === 'read' && op.invokedAt === STORY.read.atMs);
      expect(read?.output).toBe(STORY.first.value);
      expect(Object.values(run.versions).map((v) => v.value)).toEqual([STORY.first.value, STORY.first.value, STORY.first.value]);
      expect(run.decisions.some((d) => d.node === 'B' && d.incoming.value === STORY.second.value && !d.tookIncoming)).toBe(true);
    }
  });

  it('a write follows its client’s earlier writes and what its reads returned, transitively', () => {
    const history = buildHistory([
      { client: 'c1', f: 'write', input: 'x', at: [0, 1] },
      { client: 'c2', f: 'read', output: 'x', at: [10, 11] },
      { client: 'c2', f: 'write', input: 'y', at: [20, 21] },
      { client: 'c3', f: 'read', output: 'y', at: [30, 31] },
      { client: 'c3', f: 'write', input: 'z', at: [40, 41] },
      { client: 'c1', f: 'write', input: 'w', at: [50, 51] },
    ]);
    const follows = writesFollowed(history);
    expect([...follows.get('z')!].sort()).toEqual(['x', 'y']);
    expect([...follows.get('w')!]).toEqual(['x']);
    expect(follows.get('x')!.size).toBe(0);
  });

  it('replays identically for a seed', () => {
    expect(skewedClocksRun(reference, 3).sim.fingerprint()).toBe(skewedClocksRun(reference, 3).sim.fingerprint());
  });
});
