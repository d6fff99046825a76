import { describe, expect, it } from 'vitest';
import { acknowledgedPerSec, runBatchWrites, unbatched, type MakeBatcher } from '../../../../exercises/batcher/scenario.ts';

const COST = { callMs: 10, itemMs: 1 };

/** Flushes on size or on the oldest item's deadline, handing over a fresh array each time. */
const sizeOrDeadline = (maxBatch: number, maxWaitMs: number): MakeBatcher => (flush) => {
  let items: number[] = [];
  let oldestAt = 0;
  const send = () => {
    const batch = items;
    items = [];
    flush(batch);
  };
  return {
    add: (item, now) => {
      if (items.length === 0) oldestAt = now;
      items.push(item);
      if (items.length >= maxBatch) send();
    },
    tick: (now) => {
      if (items.length > 0 && now - oldestAt >= maxWaitMs) send();
    },
  };
};

describe('runBatchWrites', () => {
  it('without batching, the database caps throughput at one call per item', () => {
    const run = runBatchWrites({ makeBatcher: unbatched, cost: COST, ratePerSec: 500, stopMs: 2000, untilMs: 2000 }, 1);
    const rate = acknowledgedPerSec(run, 2000);
    // Each call also waits 1 ms on the wire each way: 13 ms per item.
    expect(rate).toBeGreaterThan(1000 / 13 - 2);
    expect(rate).toBeLessThanOrEqual(1000 / (COST.callMs + COST.itemMs));
  });

  it('with batching, answers every write once, within the wait bound, far faster', () => {
    const run = runBatchWrites({ makeBatcher: sizeOrDeadline(20, 10), cost: COST, ratePerSec: 300, stopMs: 2000 }, 2);
    expect(run.history.every((op) => op.outcome === 'ok')).toBe(true);
    expect(run.acknowledged.map((ack) => ack.item).sort((a, b) => a - b)).toEqual(run.history.map((op) => op.id));
    for (const { at, items } of run.flushes) for (const item of items) expect(at - run.addedAt.get(item)!).toBeLessThanOrEqual(10);
    const flood = { cost: COST, ratePerSec: 500, stopMs: 2000, untilMs: 2000 };
    const batched = acknowledgedPerSec(runBatchWrites({ makeBatcher: sizeOrDeadline(20, 10), ...flood }, 2), 2000);
    expect(batched).toBeGreaterThan(3 * acknowledgedPerSec(runBatchWrites({ makeBatcher: unbatched, ...flood }, 2), 2000));
  });

  it('keeps a batch flushed while a call is out and sends it later, as handed over', () => {
    // A batcher that empties the array it handed over loses the batches that had to wait.
    const clearing: MakeBatcher = (flush) => {
      const items: number[] = [];
      return {
        add: (item) => {
          items.push(item);
          if (items.length >= 5) {
            flush(items);
            items.length = 0;
          }
        },
        tick: () => {},
      };
    };
    const run = runBatchWrites({ makeBatcher: clearing, cost: COST, ratePerSec: 300, stopMs: 1000 }, 3);
    expect(run.history.some((op) => op.outcome !== 'ok')).toBe(true);
  });

  it('replays a seed exactly', () => {
    const options = { makeBatcher: sizeOrDeadline(10, 5), cost: COST, ratePerSec: 200, stopMs: 1000 };
    expect(runBatchWrites(options, 4).sim.fingerprint()).toBe(runBatchWrites(options, 4).sim.fingerprint());
  });
});
