/**
 * Batching writes in front of a database that charges per call. Clients write items to an app server at
 * random moments (open loop); the app puts each item into a batcher and sends what the batcher flushes to
 * the database, one call at a time over a single connection — batches flushed while a call is out wait
 * their turn. A call costs `callMs` plus `itemMs` per item, so one call of 20 items is far cheaper than 20
 * calls of one. When the database acknowledges a batch, the app answers each of its clients.
 *
 * The batcher is plugged in (a learner's, or {@link unbatched} as the baseline). Time reaches it only as
 * arguments: the app calls `add(item, now)` per request and `tick(now)` every millisecond while any item it
 * added has not been flushed — the promise the task states — so batcher code never needs a timer.
 */
import { receivesLater } from '../../src/testkit/boundary/membrane.ts';
import { Simulation } from '../../src/sim/index.ts';
import type { ClientRequest, History, NodeBehaviour, NodeContext } from '../../src/sim/index.ts';
import { startOpenLoop } from '../../src/scenarios/open-loop.ts';

/** What the app needs from a batcher. Items are operation ids (numbers). */
export interface BatcherLike {
  add(item: number, now: number): void;
  tick(now: number): void;
}

export type MakeBatcher = (flush: (items: number[]) => void) => BatcherLike;

/** The baseline: every item is its own database call. */
export const unbatched: MakeBatcher = (flush) => ({
  add: (item) => flush([item]),
  tick: () => {},
});

export const APP = 'app';
/** How long a run goes on after the writes stop, by default: ample time to answer every write. */
export const DRAIN_MS = 5_000;
export const DB = 'db';

export interface DatabaseCost {
  /** Fixed cost of one call, in ms. */
  readonly callMs: number;
  /** Extra cost per item in the call, in ms. */
  readonly itemMs: number;
}

/** One batch as the app flushed it, with when — and, once its turn came, what the app actually sent. */
export interface FlushRecord {
  readonly at: number;
  /** A copy taken at flush time. */
  readonly items: readonly number[];
  /** When the app sent it to the database; absent if it was still queued when the run ended. */
  sentAt?: number;
  /** A copy of the array as the app sent it (it differs from `items` if the batcher changed it meanwhile). */
  sentItems?: readonly number[];
}

export interface BatchRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  /** When the app added each item (operation id → ms). */
  readonly addedAt: ReadonlyMap<number, number>;
  /** Every flush, in order, with a copy of its items taken at flush time. */
  readonly flushes: readonly FlushRecord[];
  /** When the database acknowledged each item (operation id → ms), for every acknowledgement. */
  readonly acknowledged: readonly { readonly item: number; readonly at: number }[];
  readonly stopMs: number;
  /** What the run was built from, to build it again (traced, for a failure's story). */
  readonly options: BatchRunOptions;
}

export interface BatchRunOptions {
  readonly makeBatcher: MakeBatcher;
  readonly ratePerSec: number;
  /** Writes arrive until this time. */
  readonly stopMs: number;
  /** Run until this time (default: {@link DRAIN_MS} after the writes stop — a batcher that never flushes must not run forever). */
  readonly untilMs?: number;
  readonly cost: DatabaseCost;
  /** Record a trace (default true). Graded runs skip it and build a failing run again with one. */
  readonly trace?: boolean;
}

type DbMessage = { readonly type: 'write'; readonly items: readonly number[] } | { readonly type: 'written'; readonly items: readonly number[] };

/** The database: one call at a time, each taking callMs + itemMs × items. */
function database(cost: DatabaseCost): () => NodeBehaviour<DbMessage> {
  return () => ({
    onMessage: (ctx, from, message) => {
      if (message.type !== 'write') return;
      ctx.setTimer(cost.callMs + cost.itemMs * message.items.length, 'written', { to: from, items: message.items });
    },
    onTimer: (ctx, _name, payload) => {
      const { to, items } = payload as { to: string; items: number[] };
      ctx.send(to, { type: 'written', items });
    },
  });
}

/** Messages ("write 20 items") and the database's timer payload ("20 items"). */
function describeBatchMessage(message: unknown): string {
  const { type, items } = message as { type?: string; items: readonly number[] };
  const count = `${items.length} item${items.length === 1 ? '' : 's'}`;
  return type === undefined ? count : `${type} ${count}`;
}

export function runBatchWrites(options: BatchRunOptions, seed: number): BatchRun {
  const sim = new Simulation({ seed, trace: options.trace ?? true, describeMessage: describeBatchMessage, maxEvents: 5_000_000 });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 1 } });
  const addedAt = new Map<number, number>();
  const flushes: FlushRecord[] = [];
  const acknowledged: { item: number; at: number }[] = [];

  sim.addNode(APP, (): NodeBehaviour<DbMessage> => {
    const unanswered = new Map<number, ClientRequest>();
    // Items added and not yet flushed: the batcher is ticked while there are any, and only then.
    const waiting = new Set<number>();
    // Batches flushed while a call is out; kept as the batcher handed them over, read again when sent.
    const queued: { readonly record: FlushRecord; readonly readItems: () => number[] }[] = [];
    let callOut = false;
    let ticking = false;
    let current: NodeContext<DbMessage> | null = null;

    const sendNext = (ctx: NodeContext<DbMessage>): void => {
      if (callOut) return;
      const next = queued.shift();
      if (next === undefined) return;
      callOut = true;
      next.record.sentAt = ctx.now;
      next.record.sentItems = [...next.readItems()];
      ctx.send(DB, { type: 'write', items: next.record.sentItems });
    };
    // The batch is read when flushed and again when sent, as a driver would: a batcher that changes the array
    // it handed over loses writes, and the second read shows it.
    const batcher = options.makeBatcher(
      receivesLater((readItems: () => number[]) => {
        const ctx = current as NodeContext<DbMessage>;
        const record: FlushRecord = { at: ctx.now, items: [...readItems()] };
        for (const item of record.items) waiting.delete(item);
        flushes.push(record);
        queued.push({ record, readItems });
        sendNext(ctx);
      }),
    );
    const keepTicking = (ctx: NodeContext<DbMessage>): void => {
      if (ticking || waiting.size === 0) return;
      ticking = true;
      ctx.setTimer(1, 'tick');
    };
    // The batcher may flush inside add or tick; `current` lets the flush callback reach the context.
    const withContext = (ctx: NodeContext<DbMessage>, action: () => void): void => {
      current = ctx;
      try {
        action();
      } finally {
        current = null;
      }
    };

    return {
      onRequest: (ctx, request) => {
        unanswered.set(request.id, request);
        addedAt.set(request.id, ctx.now);
        waiting.add(request.id);
        withContext(ctx, () => batcher.add(request.id, ctx.now));
        keepTicking(ctx);
      },
      onTimer: (ctx) => {
        ticking = false;
        withContext(ctx, () => batcher.tick(ctx.now));
        keepTicking(ctx);
      },
      onMessage: (ctx, _from, message) => {
        if (message.type !== 'written') return;
        callOut = false;
        for (const item of message.items) {
          acknowledged.push({ item, at: ctx.now });
          const request = unanswered.get(item);
          if (request === undefined) continue;
          unanswered.delete(item);
          ctx.reply(request, 'stored');
        }
        sendNext(ctx);
      },
    };
  });
  sim.addNode(DB, database(options.cost));
  startOpenLoop(sim, { ratePerSec: options.ratePerSec, stopMs: options.stopMs, node: APP, f: 'write' });
  sim.run({ untilMs: options.untilMs ?? options.stopMs + DRAIN_MS });
  return { seed, sim, history: sim.history(), addedAt, flushes, acknowledged, stopMs: options.stopMs, options };
}

/** Items acknowledged by the database before `untilMs`, per second. */
export function acknowledgedPerSec(run: BatchRun, untilMs: number): number {
  return (run.acknowledged.filter((ack) => ack.at < untilMs).length * 1000) / untilMs;
}
