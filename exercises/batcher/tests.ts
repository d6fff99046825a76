import { defineTests, test, expect, PropertyViolation, receivesLater, recordRun, runTwice, sharedRuns, storyEvents, checkAgainstReference, fc, show, type Answer } from '../../src/testkit/index.ts';
import { acknowledgedPerSec, runBatchWrites, unbatched, type BatchRun, type FlushRecord, type MakeBatcher } from './scenario.ts';
import { formatTraceLines, type Operation } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const MAX_BATCH = 20;
const MAX_WAIT_MS = 10;
/** A call costs 10 ms plus 1 ms per item: unbatched, the database manages about 90 writes per second. */
const COST = { callMs: 10, itemMs: 1 };
const SEEDS = [1, 2, 3];
/** Below the batched capacity, above the unbatched one: every write must be answered. */
const STEADY = { ratePerSec: 300, stopMs: 1000 };
/** Time after the last write for every write to be answered — ample for any batcher that batches at all. */
const STEADY_DRAIN_MS = 20_000;
/** Far more writes than one call per item can carry: throughput is what the database gets through. */
const FLOOD = { ratePerSec: 500, stopMs: 1000 };
const SPEED_UP = 3;

/**
 * Records each flush twice: what the batch held when it was handed over, and a way to read it again later —
 * as a receiver that keeps the batch would — so a batcher that reuses the array it handed over is seen.
 */
function recorder<T>(): { flush: (items: T[]) => void; batches: () => T[][]; copies: T[][] } {
  const kept: Array<() => T[]> = [];
  const copies: T[][] = [];
  return {
    flush: receivesLater((readItems: () => T[]) => {
      kept.push(readItems);
      copies.push([...readItems()]);
    }),
    batches: () => kept.map((readItems) => readItems()),
    copies,
  };
}

function learnerBatcher(learner: Learner): MakeBatcher {
  return (flush) => new learner.Batcher<number>(MAX_BATCH, MAX_WAIT_MS, flush);
}

/** Steady load through the learner's batcher; two tests check these runs, so each seed runs (twice) once per grading. */
function steadyRuns(learner: Learner): (seed: number) => BatchRun {
  return sharedRuns((seed) => runBatchWrites({ makeBatcher: learnerBatcher(learner), cost: COST, ...STEADY, untilMs: STEADY.stopMs + STEADY_DRAIN_MS, trace: false }, seed));
}

/**
 * The violation for a check on `run`, told with the run's story. Graded runs record no trace (it is about a
 * third of a run's time, and a passing run never shows it), so the failing run is built once more with one:
 * the same seed and code give the same run, and the fingerprint confirms it — if it differs, the sentence
 * goes out without a story rather than with the story of another run.
 */
function violation(run: BatchRun, property: string, culprits: readonly Operation[], lead: readonly string[] = []): PropertyViolation {
  if (culprits.length === 0) return new PropertyViolation({ property, seed: run.seed, trace: lead });
  const traced = runBatchWrites({ ...run.options, trace: true }, run.seed);
  if (traced.sim.fingerprint() !== run.sim.fingerprint()) return new PropertyViolation({ property, seed: run.seed, trace: lead });
  const story = storyEvents(traced.sim, culprits);
  return new PropertyViolation({ property, seed: run.seed, trace: [...lead, ...formatTraceLines(story)], run: recordRun(traced.sim, run.seed, story) });
}

function operation(run: BatchRun, id: number): Operation {
  return run.history.find((op) => op.id === id) as Operation;
}

/** Every added item is flushed exactly once, nothing else is flushed, and every write is answered. */
function checkNothingLostOrDuplicated(run: BatchRun): void {
  const flushedCount = new Map<number, number>();
  for (const { items } of run.flushes) for (const item of items) flushedCount.set(item, (flushedCount.get(item) ?? 0) + 1);
  for (const [item, addedAt] of run.addedAt) {
    const count = flushedCount.get(item) ?? 0;
    if (count === 1) continue;
    throw violation(
      run,
      count === 0
        ? `Item ${item}, added at ${addedAt} ms, was never flushed: it was lost.`
        : `Item ${item}, added at ${addedAt} ms, was flushed ${count} times: every item must reach the database exactly once.`,
      [operation(run, item)],
    );
  }
  const stranger = [...flushedCount.keys()].find((item) => !run.addedAt.has(item));
  if (stranger !== undefined) throw violation(run, `Item ${stranger} was flushed but never added.`, []);
  const unanswered = run.history.filter((op) => op.outcome !== 'ok');
  if (unanswered.length === 0) return;
  const op = unanswered[0] as Operation;
  const flush = run.flushes.find(({ items }) => items.includes(op.id)) as FlushRecord;
  if (flush.sentItems === undefined) {
    const meanSize = run.flushes.reduce((sum, { items }) => sum + items.length, 0) / run.flushes.length;
    throw violation(
      run,
      `The write of item ${op.id} was flushed at ${flush.at} ms but was still waiting for the database ${STEADY_DRAIN_MS} ms after the last write arrived: with batches of ${meanSize.toFixed(1)} items on average, the database spends most of its time on per-call costs and falls behind.`,
      [op],
    );
  }
  throw violation(
    run,
    `The write of item ${op.id} never reached the database: its batch held ${flush.items.length} items when you flushed it at ${flush.at} ms, but ${flush.sentItems.length} when the app sent it at ${flush.sentAt} ms. Did you change the array after passing it to flush?`,
    [op],
  );
}

function checkWaits(run: BatchRun): void {
  // The situation under test: some item waited for its batch. A batcher that flushes every item on arrival
  // never makes one wait, and is judged here for that, not passed.
  if (run.flushes.length > 0 && run.flushes.every(({ at, items }) => items.every((item) => run.addedAt.get(item) === at))) {
    throw violation(
      run,
      `No item ever waited: every batch was flushed in the millisecond its items arrived (${run.flushes.length} flushes of ${(run.addedAt.size / run.flushes.length).toFixed(1)} items on average), so this test cannot judge the wait — a batcher must hold items until the batch is full or the oldest has waited maxWaitMs.`,
      [],
    );
  }
  for (const { at, items } of run.flushes) {
    if (items.length > MAX_BATCH) {
      throw violation(run, `A batch of ${items.length} items was flushed at ${at} ms; a batch holds at most maxBatch = ${MAX_BATCH}.`, items.slice(0, 2).map((item) => operation(run, item)));
    }
    for (const item of items) {
      const waited = at - (run.addedAt.get(item) as number);
      if (waited <= MAX_WAIT_MS) continue;
      throw violation(
        run,
        `Item ${item} was added at ${at - waited} ms but flushed only at ${at} ms: it waited ${waited} ms, longer than maxWaitMs = ${MAX_WAIT_MS}.`,
        [operation(run, item)],
        [`the batch flushed at ${at} ms held ${items.length} items`],
      );
    }
  }
  // Items still waiting when the run ended waited too long as well.
  const flushed = new Set(run.flushes.flatMap(({ items }) => items));
  const stuck = [...run.addedAt].find(([item]) => !flushed.has(item));
  if (stuck !== undefined) {
    throw violation(run, `Item ${stuck[0]}, added at ${stuck[1]} ms, was still waiting when the run ended.`, [operation(run, stuck[0])]);
  }
}

/** The flood without batching, per seed: the reference the learner's batcher is compared with, computed once per worker. */
const unbatchedThroughputs = new Map<number, number>();
function unbatchedThroughput(seed: number): number {
  let perSec = unbatchedThroughputs.get(seed);
  if (perSec === undefined) {
    perSec = acknowledgedPerSec(runBatchWrites({ makeBatcher: unbatched, cost: COST, ...FLOOD, untilMs: FLOOD.stopMs, trace: false }, seed), FLOOD.stopMs);
    unbatchedThroughputs.set(seed, perSec);
  }
  return perSec;
}

/** Two batchers side by side: `a` and `b`, each made as `new Batcher(maxBatch, maxWaitMs, flush)`. */
type Sizes = [maxBatch: number, maxWaitMs: number];
const NAMES = ['a', 'b'] as const;
const STEP = /^([ab])\.(add|tick)\((\d+)(?:, (\d+))?\)$/;

/** What a run did: the batches each step flushed, and every batch as flush's receiver reads it after the run. */
interface BatchRunResult {
  readonly flushedAt: number[][][];
  readonly keptAfterwards: number[][];
}

/** Runs the steps (code such as `a.add(3, 7)`) on fresh batchers of one side, recording what each step flushed. */
function runSteps(makeBatcher: (maxBatch: number, maxWaitMs: number, flush: (items: number[]) => void) => Solution.Batcher<number>) {
  return (sizes: Sizes[], steps: string[]): BatchRunResult => {
    const kept: Array<() => number[]> = [];
    let flushed: number[][] = [];
    const flush = receivesLater((readItems: () => number[]) => {
      kept.push(readItems);
      flushed.push([...readItems()]);
    });
    const batchers = sizes.map(([maxBatch, maxWaitMs]) => makeBatcher(maxBatch, maxWaitMs, flush));
    const flushedAt = steps.map((step) => {
      const [, name, method, first, second] = STEP.exec(step) as RegExpExecArray;
      const batcher = batchers[NAMES.indexOf(name as 'a' | 'b')]!;
      flushed = [];
      if (method === 'add') batcher.add(Number(first), Number(second));
      else batcher.tick(Number(first));
      return flushed;
    });
    return { flushedAt, keptAfterwards: kept.map((readItems) => readItems()) };
  };
}

/**
 * Two batchers with maxBatch 1, 2, up to 5 or never reached, and maxWaitMs 0, 1, up to 6 or never reached, fed
 * one millisecond at a time: in each, some adds (items 1, 2, … in order) and ticks in any order, and a tick for
 * every batcher with an item waiting — the app's promise — while time jumps ahead only when nothing waits. So
 * batches fill exactly at maxBatch and come due exactly at maxWaitMs, alone or together.
 */
const slot = fc.record({
  actions: fc.array(fc.tuple(fc.constantFrom<'add' | 'tick'>('add', 'add', 'tick'), fc.constantFrom(0, 1)), { maxLength: 4 }),
  jump: fc.oneof({ arbitrary: fc.constant(1), weight: 4 }, { arbitrary: fc.integer({ min: 2, max: 2 ** 31 }), weight: 1 }),
});
const limit = (small: number) => fc.oneof(fc.integer({ min: 0, max: small }), fc.constant(2 ** 31));
const batcherRuns = fc
  .tuple(fc.array(fc.tuple(limit(5).map((n) => Math.max(1, n)), limit(6)), { minLength: 2, maxLength: 2 }), fc.array(slot, { maxLength: 16 }))
  .map(([sizes, slots]): [Sizes[], string[]] => {
    // The reference tells when an item is waiting: a batcher must be ticked every millisecond until it is flushed.
    const waiting = [0, 0];
    const model = (sizes as Sizes[]).map(([maxBatch, maxWaitMs], i) => new Reference.Batcher<number>(maxBatch, maxWaitMs, (items) => void (waiting[i]! -= items.length)));
    const steps: string[] = [];
    let now = 0;
    let item = 0;
    for (const { actions, jump } of slots) {
      const ticked = [false, false];
      for (const [method, i] of actions) {
        if (method === 'add') {
          item += 1;
          waiting[i]! += 1;
          model[i]!.add(item, now);
          steps.push(`${NAMES[i]}.add(${item}, ${now})`);
        } else {
          ticked[i] = true;
          model[i]!.tick(now);
          steps.push(`${NAMES[i]}.tick(${now})`);
        }
      }
      for (const i of [0, 1]) {
        if (waiting[i]! > 0 && !ticked[i]) {
          model[i]!.tick(now);
          steps.push(`${NAMES[i]}.tick(${now})`);
        }
      }
      now += waiting.some((count) => count > 0) ? 1 : jump;
    }
    return [sizes as Sizes[], steps];
  });

const flushes = (batches: readonly number[][]) => (batches.length === 0 ? 'nothing' : batches.map((batch) => show(batch)).join(' and '));

/** The same batches holding the same items, compared item by item: a passing run is not written out as text. */
const sameBatches = (a: readonly (readonly unknown[])[], b: readonly (readonly unknown[])[]): boolean =>
  a.length === b.length && a.every((batch, i) => batch.length === b[i]!.length && batch.every((item, j) => Object.is(item, b[i]![j])));

/** Names the first step where the learner's batchers flushed otherwise, with the run before it as code. */
function judgeBatches(got: Answer<BatchRunResult>, expected: Answer<BatchRunResult>, [sizes, steps]: [Sizes[], string[]]): string | null {
  if (!('returned' in expected)) return null;
  const setup = sizes.map(([maxBatch, maxWaitMs], i) => `const ${NAMES[i]} = new Batcher(${maxBatch}, ${maxWaitMs}, flush);`).join(' ');
  if ('threw' in got) return `threw: ${got.threw} (${setup})`;
  const { flushedAt, keptAfterwards } = got.returned;
  const at = expected.returned.flushedAt.findIndex((batches, i) => !sameBatches(batches, flushedAt[i] ?? []));
  if (at !== -1) {
    const before = steps.slice(0, at);
    return `differs at step ${at + 1}: after ${setup}${before.length > 0 ? ` ${before.join('; ')};` : ''} the call ${steps[at]} should flush ${flushes(expected.returned.flushedAt[at]!)}, but yours flushed ${flushes(flushedAt[at]!)}.`;
  }
  if (sameBatches(keptAfterwards, expected.returned.keptAfterwards)) return null;
  return `flushed the right batches, but read again after the run, the arrays handed to flush hold ${flushes(keptAfterwards)} instead of ${flushes(expected.returned.keptAfterwards)}: hand over each batch as an array you will not change.`;
}

export default defineTests<Learner>((learner) => {
  const steady = steadyRuns(learner);
  test('flushes a full batch as soon as it holds maxBatch items', () => {
    const { flush, copies } = recorder<string>();
    const batcher = new learner.Batcher<string>(3, 100, flush);
    batcher.add('a', 0);
    batcher.add('b', 1);
    expect(copies, 'batches after adding a and b (maxBatch = 3)').toEqual([]);
    batcher.add('c', 2);
    expect(copies, 'batches after adding c at 2 ms: the third item fills the batch').toEqual([['a', 'b', 'c']]);
    batcher.add('d', 3);
    batcher.tick(50);
    expect(copies, 'batches after adding d at 3 ms and a tick at 50 ms (maxWaitMs = 100)').toEqual([['a', 'b', 'c']]);
  });

  test('flushes a partial batch once its oldest item has waited maxWaitMs', () => {
    const { flush, copies } = recorder<string>();
    const batcher = new learner.Batcher<string>(10, 10, flush);
    batcher.add('a', 0);
    batcher.add('b', 5);
    batcher.tick(9);
    expect(copies, 'batches at 9 ms: a (added at 0 ms) has waited 9 ms of maxWaitMs = 10').toEqual([]);
    batcher.tick(10);
    expect(copies, 'batches at 10 ms: a has waited 10 ms').toEqual([['a', 'b']]);
    batcher.add('c', 12);
    batcher.tick(21);
    expect(copies, 'batches at 21 ms: c (added at 12 ms) has waited 9 ms').toEqual([['a', 'b']]);
    batcher.tick(22);
    batcher.tick(40);
    expect(copies, 'batches at 40 ms: c was due at 22 ms; with nothing waiting, nothing more is flushed').toEqual([['a', 'b'], ['c']]);
  });

  test('hands each batch over as its own array', () => {
    const { flush, batches } = recorder<number>();
    const batcher = new learner.Batcher<number>(2, 100, flush);
    for (const [item, now] of [[1, 0], [2, 1], [3, 2], [4, 3], [5, 4]] as const) batcher.add(item, now);
    expect(batches(), 'the arrays flush received, looked at after five adds with maxBatch = 2').toEqual([[1, 2], [3, 4]]);
  });

  test('agrees with the reference on generated adds and ticks to two batchers', () => {
    checkAgainstReference({
      // Shown as runSteps([[maxBatch, maxWaitMs] of a and b], [the calls in order]).
      name: 'runSteps', seed: 1641, runs: 40, inputs: batcherRuns, judge: judgeBatches,
      learner: runSteps((maxBatch, maxWaitMs, flush) => new learner.Batcher<number>(maxBatch, maxWaitMs, flush)),
      reference: runSteps((maxBatch, maxWaitMs, flush) => new Reference.Batcher<number>(maxBatch, maxWaitMs, flush)),
    });
  });

  test('loses and duplicates no item under load', () => {
    for (const seed of SEEDS) checkNothingLostOrDuplicated(steady(seed));
  });

  test('never keeps an item waiting longer than maxWaitMs', () => {
    for (const seed of SEEDS) checkWaits(steady(seed));
  });

  test('raises throughput at least 3× against a database that charges per call', () => {
    for (const seed of SEEDS) {
      const batched = runTwice(seed, (runSeed) => runBatchWrites({ makeBatcher: learnerBatcher(learner), cost: COST, ...FLOOD, untilMs: FLOOD.stopMs, trace: false }, runSeed));
      const mine = acknowledgedPerSec(batched, FLOOD.stopMs);
      const alone = unbatchedThroughput(seed);
      if (mine >= SPEED_UP * alone) continue;
      const sizes = batched.flushes.map(({ items }) => items.length);
      const meanSize = sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length);
      throw new PropertyViolation({
        property: `With batching the database should store at least ${SPEED_UP}× as many writes per second as without (${alone.toFixed(0)}/s), but it stored ${mine.toFixed(0)}/s.`,
        seed,
        trace: [
          `${FLOOD.ratePerSec} writes per second arrive for ${FLOOD.stopMs} ms; each database call costs ${COST.callMs} ms + ${COST.itemMs} ms per item`,
          `your batcher flushed ${sizes.length} batches of ${meanSize.toFixed(1)} items on average (maxBatch = ${MAX_BATCH}, maxWaitMs = ${MAX_WAIT_MS})`,
          `first batch sizes: ${sizes.slice(0, 12).join(', ')}`,
        ],
      });
    }
  });
});
