import { describe, expect, it } from 'vitest';
import { DB_CALL_MS, MAX_ADD, counterOp, idTierRun, type CounterLike, type IdTierSpec } from '../../../../exercises/scaling-efficiency/scenario.ts';
import { IdAllocator } from '../../../../exercises/scaling-efficiency/solution.ts';

/** The starter's way: one counter call per id, answered ids queued until a request takes one. */
function oneIdPerCall(counter: CounterLike) {
  const ready: number[] = [];
  return {
    nextId: () => {
      const id = ready.shift();
      if (id !== undefined) return id;
      counter.add(1, (value) => void ready.push(value));
      return null;
    },
  };
}

const blocks = (counter: CounterLike) => new IdAllocator(counter as never, undefined as never);
const EIGHT: IdTierSpec = { nodes: 8, durationMs: 250, userTimeoutMs: 1000 };
const answeredIn = (run: ReturnType<typeof idTierRun>, fromMs: number, toMs: number) =>
  run.history.filter((op) => op.outcome === 'ok' && op.completedAt! >= fromMs && op.completedAt! < toMs).length;

describe('id tier', () => {
  it('caps one call per id at the counter’s lock, while blocks let eight nodes answer eight times as much', () => {
    const perCall = idTierRun(oneIdPerCall, EIGHT, 1);
    const leased = idTierRun(blocks, EIGHT, 1);
    const one = idTierRun(blocks, { ...EIGHT, nodes: 1, durationMs: 450 }, 1);
    const perSec = (n: number, ms: number) => (n * 1000) / ms;
    expect(perSec(answeredIn(perCall, 100, 250), 150)).toBeLessThanOrEqual(1000 / DB_CALL_MS + 10);
    expect(perSec(answeredIn(leased, 100, 250), 150)).toBeGreaterThan(0.9 * 8 * perSec(answeredIn(one, 50, 450), 400));
    expect(leased.calls.length).toBe(8);
  });

  it('records the calls of two nodes waiting at the database together as the nodes start', () => {
    const run = idTierRun(blocks, EIGHT, 2);
    expect(run.crowd).not.toBeNull();
    expect(new Set(run.crowd!.nodes).size).toBeGreaterThanOrEqual(2);
    expect(run.crowd!.atMs).toBeLessThan(10);
  });

  it('loses the answers of a crashed node’s calls, and starts it with a fresh allocator on the same disk', () => {
    const made: string[] = [];
    const run = idTierRun(
      (counter, disk) => {
        made.push(String(disk.get('starts') ?? 0));
        disk.set('starts', Number(disk.get('starts') ?? 0) + 1);
        return blocks(counter);
      },
      { nodes: 2, durationMs: 400, userTimeoutMs: 100, faults: [{ at: 150, kind: 'crash', node: 'app2' }, { at: 170, kind: 'restart', node: 'app2' }] },
      1,
    );
    expect(made.sort()).toEqual(['0', '0', '1']);
    const incarnations = new Set(run.handouts.filter((h) => h.node === 'app2').map((h) => h.incarnation));
    expect(incarnations.size).toBe(2);
    const ids = run.history.filter((op) => op.outcome === 'ok').map((op) => op.output);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses counter calls outside the prompt’s limits, in one sentence', () => {
    expect(counterOp('add', MAX_ADD)).toEqual({ op: 'add', count: MAX_ADD });
    expect(counterOp('add', MAX_ADD + 1)).toMatch(/whole number from 1 to 100/);
    expect(counterOp('add', 1.5)).toMatch(/whole number/);
    expect(counterOp('write', -1)).toMatch(/0 or more/);
    const run = idTierRun((counter) => ({ nextId: () => (counter.add(MAX_ADD + 1, () => {}), null) }), { nodes: 1, durationMs: 50, userTimeoutMs: 100 }, 1);
    expect(run.misuse).toMatch(/^At \d+ ms, app1 called counter\.add\(101\): the count must be a whole number from 1 to 100\.$/);
  });

  it('replays identically for a seed', () => {
    expect(idTierRun(blocks, EIGHT, 3).sim.fingerprint()).toBe(idTierRun(blocks, EIGHT, 3).sim.fingerprint());
  });
});
