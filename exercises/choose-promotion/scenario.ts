/**
 * Fail-over after an asynchronous primary crashes, for lesson 08's promotion exercise.
 *
 * The primary P acknowledges each write of `c1` as soon as it has appended it to its log, and pushes the entry
 * to replicas R1, R2 and R3. A replica keeps two positions, as MySQL's replicas do with their relay log: what
 * it has **received** (the entry is in its relay log) and what it has **applied** (the entry is in its data).
 * Applying takes time; R1 is busy serving reports, so it applies an entry only every `R1_APPLY_MS` and its
 * relay log grows. Every replica reports both positions to the fail-over controller F every `REPORT_EVERY_MS`,
 * at its own moment.
 *
 * The window, on every seed: the link from P to R2 fails at `R2_CUT_MS`, so R2 stops receiving; at `CRASH_MS`
 * P and R3 (same rack) lose power. So at the fail-over R1 has *received* the most but *applied* the least, the
 * reports F holds are stale (R2's, sent last, says it is furthest ahead), and R3 never answers. At `DOWN_MS` F
 * notices that P is down and runs the learner's `failover` with a `Controller`: asking a replica for its
 * positions, waiting until one has applied up to a position, timers, and promoting one. A promoted replica stops
 * replicating and drops what its relay log still holds (MySQL's RESET REPLICA deletes the relay logs), then takes
 * writes: `c2` writes to it at once. The run records what the tests judge: P's log, every replica's positions
 * when F noticed the crash, every call the learner made, and each promotion with the replica's positions at the
 * moment it took effect.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { NodeBehaviour, NodeContext, Operation, TraceEvent } from '../../src/sim/index.ts';
import type { Controller, Position, Report } from './solution.ts';

// The shapes the learner's code sees are the reference solution's, so the editor, the tests and this file agree.
export type { Controller, Position, Report } from './solution.ts';
export type Failover = (controller: Controller) => void;

export const PRIMARY = 'P';
export const CONTROLLER = 'F';
export const REPLICAS = ['R1', 'R2', 'R3'] as const;
/** The replica that crashes with P. */
export const SILENT = 'R3';
export const R1_APPLY_MS = 20;
const FAST_APPLY_MS = 2;
export const REPORT_EVERY_MS = 200;
/** When each replica first reports: R1's last report before the crash is the oldest, R2's the newest. */
const REPORT_PHASE_MS: Readonly<Record<string, number>> = { R1: 110, R2: 190, R3: 120 };
/** The link from P to R2 fails at a moment in this window. */
export const R2_CUT_MS = { fromMs: 340, untilMs: 370 } as const;
export const CRASH_MS = 400;
export const DOWN_MS = 450;
/** A replica that is up answers F within this long. */
export const ANSWER_WITHIN_MS = 100;
/** The promotion must take effect within this long of F noticing the crash. */
export const DEADLINE_MS = 500;
export const END_MS = DOWN_MS + DEADLINE_MS + 50;

type Message =
  | { readonly type: 'entry'; readonly seq: number; readonly value: string }
  | { readonly type: 'report'; readonly received: number; readonly applied: number; readonly sentAtMs: number }
  | { readonly type: 'ask'; readonly call: number }
  | { readonly type: 'wait'; readonly call: number; readonly seq: number }
  | { readonly type: 'position'; readonly call: number; readonly received: number; readonly applied: number }
  | { readonly type: 'promote' };

function describeMessage(message: unknown): string {
  const m = message as Message;
  switch (m.type) {
    case 'entry': return `entry #${m.seq} ${m.value}`;
    case 'report': return `report: received #${m.received}, applied #${m.applied}`;
    case 'ask': return 'positions?';
    case 'wait': return `tell me when you have applied #${m.seq}`;
    case 'position': return `received #${m.received}, applied #${m.applied}`;
    case 'promote': return 'promote: take writes';
  }
}

/** One call the learner's code made on the controller. */
export interface Call {
  readonly atMs: number;
  readonly what: 'ask' | 'waitApplied' | 'promote';
  readonly replica: string;
  readonly seq?: number;
}

/** A promotion as it took effect at the replica. */
export interface Promotion {
  readonly atMs: number;
  readonly replica: string;
  readonly received: number;
  readonly applied: number;
}

export interface PromotionRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: readonly Operation[];
  /** P's log: entry #k is `log[k - 1]`. */
  readonly log: readonly string[];
  /** Every replica's positions when F noticed the crash, and whether it was up. */
  readonly atDown: readonly (Position & { readonly up: boolean })[];
  /** The reports the learner's `failover` was given. */
  readonly reports: readonly Report[];
  /** When the link from P to R2 failed. */
  readonly cutMs: number;
  readonly calls: readonly Call[];
  readonly promotions: readonly Promotion[];
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

export function promotionRun(failover: Failover, seed: number): PromotionRun {
  const sim = new Simulation({ seed, trace: true, describeMessage });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 2, maxMs: 6 }, loss: 0 });

  // When the link from P to R2 fails varies with the seed.
  const cutMs = R2_CUT_MS.fromMs + sim.rng.fork('cut').int(0, R2_CUT_MS.untilMs - R2_CUT_MS.fromMs);
  const log: string[] = [];
  const positions = new Map<string, { received: number; applied: number }>(REPLICAS.map((id) => [id, { received: 0, applied: 0 }]));
  const reports = new Map<string, Report>();
  const calls: Call[] = [];
  const promotions: Promotion[] = [];
  let atDown: PromotionRun['atDown'] = [];
  let given: Report[] = [];

  sim.addNode(PRIMARY, (): NodeBehaviour<Message> => ({
    onRequest(ctx, request) {
      const value = String(request.input);
      log.push(value);
      // Asynchronous replication: acknowledged before any replica has the entry.
      ctx.reply(request);
      for (const id of REPLICAS) ctx.send(id, { type: 'entry', seq: log.length, value });
    },
  }));

  const c2 = sim.addClient('c2', { timeoutMs: 50 });
  for (const id of REPLICAS) {
    sim.addNode(id, (): NodeBehaviour<Message> => {
      const state = positions.get(id)!;
      const applyMs = id === 'R1' ? R1_APPLY_MS : FAST_APPLY_MS;
      let applying = false;
      let primary = false;
      const waiting: { call: number; seq: number }[] = [];
      const answerWaiting = (ctx: NodeContext<Message>) => {
        for (const w of waiting.filter((x) => x.seq <= state.applied)) {
          waiting.splice(waiting.indexOf(w), 1);
          ctx.send(CONTROLLER, { type: 'position', call: w.call, received: state.received, applied: state.applied });
        }
      };
      const applyNext = (ctx: NodeContext<Message>) => {
        if (applying || primary || state.applied >= state.received) return;
        applying = true;
        ctx.setTimer(applyMs, 'apply');
      };
      return {
        onStart: (ctx) => void ctx.setTimer(REPORT_PHASE_MS[id]!, 'report'),
        onTimer(ctx, name) {
          if (name === 'report') {
            ctx.send(CONTROLLER, { type: 'report', received: state.received, applied: state.applied, sentAtMs: ctx.now });
            ctx.setTimer(REPORT_EVERY_MS, 'report');
            return;
          }
          applying = false;
          if (primary) return;
          state.applied += 1;
          answerWaiting(ctx);
          applyNext(ctx);
        },
        onMessage(ctx, _from, m) {
          if (m.type === 'entry') {
            if (primary || m.seq !== state.received + 1) return;
            state.received = m.seq;
            applyNext(ctx);
          } else if (m.type === 'ask') {
            ctx.send(CONTROLLER, { type: 'position', call: m.call, received: state.received, applied: state.applied });
          } else if (m.type === 'wait') {
            waiting.push({ call: m.call, seq: m.seq });
            answerWaiting(ctx);
          } else if (m.type === 'promote' && !primary) {
            primary = true;
            promotions.push({ atMs: ctx.now, replica: id, received: state.received, applied: state.applied });
            // Stop replicating: what the relay log still holds is dropped, and the log continues after #applied.
            state.received = state.applied;
            sim.at(ctx.now + 1, `c2 writes to the new primary ${id}`, () => void c2.invoke({ node: id, f: 'write', input: 'c2:1' }));
          }
        },
        onRequest(ctx, request) {
          if (!primary || request.f !== 'write') return ctx.fail(request, 'a replica takes no writes until it is promoted');
          state.applied += 1;
          state.received = state.applied;
          ctx.reply(request, state.applied);
        },
      };
    });
  }

  sim.addNode(CONTROLLER, (): NodeBehaviour<Message> => {
    let ctx: NodeContext<Message> | null = null;
    let nextCall = 0;
    const pending = new Map<number, { replica: string; then: (position: Position) => void }>();
    const replicaId = (what: string, replica: unknown): string => {
      if (typeof replica !== 'string' || !(REPLICAS as readonly string[]).includes(replica)) {
        throw new TypeError(`${what}(${show(replica)}): the replica must be one of ${REPLICAS.map((r) => `'${r}'`).join(', ')}.`);
      }
      return replica;
    };
    const callback = <F>(what: string, then: F): F => {
      if (typeof then !== 'function') throw new TypeError(`${what} needs a function to call back, got ${show(then)}.`);
      return then;
    };
    /** The controller's context: only while F handles an event, which is when learner code runs. */
    const now = (what: string): NodeContext<Message> => {
      if (ctx === null) throw new Error(`${what} was called after the event it belongs to had ended: call ctl's methods from failover or from the callbacks it receives, never later.`);
      return ctx;
    };
    const request = (replica: string, message: (call: number) => Message, then: (position: Position) => void) => {
      const call = nextCall++;
      pending.set(call, { replica, then });
      now('ctl').send(replica, message(call));
    };
    const controller: Controller = {
      replicas: REPLICAS,
      reports: [],
      ask(replica, then) {
        const id = replicaId('ask', replica);
        const done = callback('ask', then);
        calls.push({ atMs: now('ask').now, what: 'ask', replica: id });
        request(id, (call) => ({ type: 'ask', call }), done);
      },
      waitApplied(replica, seq, then) {
        const id = replicaId('waitApplied', replica);
        if (!Number.isInteger(seq) || seq < 0) throw new TypeError(`waitApplied('${id}', ${show(seq)}): the position must be a whole number, 0 or more.`);
        const done = callback('waitApplied', then);
        calls.push({ atMs: now('waitApplied').now, what: 'waitApplied', replica: id, seq });
        request(id, (call) => ({ type: 'wait', call, seq }), done);
      },
      after(delayMs, then) {
        if (!Number.isInteger(delayMs) || delayMs < 1) throw new TypeError(`after(${show(delayMs)}): the delay must be a whole number of milliseconds, 1 or more.`);
        const call = nextCall++;
        pending.set(call, { replica: '', then: callback('after', then) });
        now('after').setTimer(delayMs, 'after', call);
      },
      promote(replica) {
        const id = replicaId('promote', replica);
        const c = now('promote');
        calls.push({ atMs: c.now, what: 'promote', replica: id });
        c.send(id, { type: 'promote' });
      },
    };
    // Every handler binds the controller to its own context, so the learner's callbacks act as F.
    const within = (c: NodeContext<Message>, run: () => void) => {
      ctx = c;
      try {
        run();
      } finally {
        ctx = null;
      }
    };
    return {
      onStart: (c) => void c.setTimer(DOWN_MS, 'primary-down'),
      onMessage(c, from, m) {
        if (m.type === 'report') {
          reports.set(from, { id: from, received: m.received, applied: m.applied, sentAtMs: m.sentAtMs });
          return;
        }
        if (m.type !== 'position') return;
        const call = pending.get(m.call);
        if (call === undefined) return;
        pending.delete(m.call);
        within(c, () => call.then({ id: call.replica, received: m.received, applied: m.applied }));
      },
      onTimer(c, name, payload) {
        if (name === 'primary-down') {
          atDown = REPLICAS.map((id) => ({ id, ...positions.get(id)!, up: sim.isUp(id) }));
          given = REPLICAS.flatMap((id) => (reports.has(id) ? [{ ...reports.get(id)! }] : []));
          // Fresh copies: nothing learner code changes reaches what the scenario checks against.
          return within(c, () => failover({ ...controller, replicas: [...REPLICAS], reports: given.map((r) => ({ ...r })) }));
        }
        const call = pending.get(payload as number);
        if (call === undefined) return;
        pending.delete(payload as number);
        within(c, () => (call.then as () => void)());
      },
    };
  });

  // R1 is busy: it answers the controller slowly.
  sim.network.setLink(CONTROLLER, 'R1', { latency: { kind: 'uniform', minMs: 15, maxMs: 35 } }, { bothWays: true });
  sim.applyFaultPlan([
    { at: cutMs, kind: 'partition-one-way', from: [PRIMARY], to: ['R2'] },
    { at: CRASH_MS, kind: 'crash', node: PRIMARY },
    { at: CRASH_MS, kind: 'crash', node: SILENT },
  ]);
  const c1 = sim.addClient('c1', { timeoutMs: 50 });
  for (const client of ['c1', 'c2']) for (const node of sim.nodes) sim.network.setLink(client, node, { latency: { kind: 'constant', ms: 1 }, loss: 0 }, { bothWays: true });
  let count = 0;
  c1.closedLoop(() => (sim.now >= CRASH_MS ? null : { node: PRIMARY, f: 'write', input: `c1:${++count}` }), { startMs: 10, thinkMs: 9 });
  sim.run({ untilMs: END_MS });

  return { seed, sim, history: sim.history(), log: [...log], atDown, reports: given, cutMs, calls, promotions };
}

/** The trace events of the fail-over: the crashes, and every message to or from the controller after them. */
export function failoverEvents(run: PromotionRun): TraceEvent[] {
  return run.sim.trace.events().filter((e) => e.time >= CRASH_MS && (e.kind === 'crash' || (e.kind === 'deliver' && (e.from === CONTROLLER || e.to === CONTROLLER))));
}
