/**
 * Unique ids for a scaled-out app tier, for lesson 02's scaling exercise.
 *
 * `nodes` app servers answer users' `create` requests, and every request needs an id that no other request
 * anywhere was given: the reply carries it. The ids come from one counter on a shared database node `db`. How
 * a node gets them is plugged in — the learner's `IdAllocator`, one per node start — and reaches the counter
 * through calls that travel as messages. The database serves one call at a time, `DB_CALL_MS` each (the
 * counter's row is locked while it changes), so it answers at most 125 calls a second however many app nodes
 * ask. Once a request has its id, the app node does its own work on it (one worker, `APP_WORK_MS` per request) and answers the user with the id.
 *
 * A fault plan may crash app nodes and restart them: a restarted node gets a fresh `IdAllocator` with the
 * same disk, and the answers to calls its previous incarnation made are lost, as on a broken connection.
 *
 * The run records evidence for the tests: every counter call the database served, with who made it, what it
 * did and what it answered; the first moment calls of two nodes waited at the database together; every id a
 * node handed out; and the first misuse of the counter or of `nextId`, in one sentence.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { ClientRequest, Disk, FaultPlan, NodeBehaviour, NodeContext, Operation } from '../../src/sim/index.ts';
import { startWorkload } from '../../src/testkit/scenario.ts';
import { station, type StationSpec } from '../../src/scenarios/station.ts';

/** The counter as an app node reaches it: each call is one message to the database and one answer back. */
export interface CounterLike {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

/** What an app node needs of the learner's allocator: an id for its oldest waiting request, or null for "not yet". */
export interface AllocatorLike {
  nextId(): unknown;
}

export type MakeAllocator = (counter: CounterLike, disk: Disk) => AllocatorLike;

export const DATABASE = 'db';
/** How long the database holds the counter's lock for one call. */
export const DB_CALL_MS = 8;
/** The most ids one `add` may reserve. */
export const MAX_ADD = 100;
export const APP_WORK_MS = 20;
const APP_WORK: StationSpec = { workers: 1, service: { kind: 'constant', ms: APP_WORK_MS } };
const DATABASE_LOCK: StationSpec = { workers: 1, service: { kind: 'constant', ms: DB_CALL_MS } };
export const USERS_PER_NODE = 2;
export interface IdTierSpec {
  readonly nodes: number;
  /** Users send requests until then; the run goes on until every request is answered or timed out. */
  readonly durationMs: number;
  /** A user whose request is not answered in this time gives up and sends a new one. */
  readonly userTimeoutMs: number;
  readonly faults?: FaultPlan;
}

/** One counter call the database served. */
export interface CounterCall {
  readonly atMs: number;
  readonly node: string;
  readonly what: string;
  readonly answer: number | null;
}

/** Calls of two nodes waiting at the database at the same moment. */
export interface DatabaseCrowd {
  readonly atMs: number;
  readonly nodes: readonly string[];
}

/** An id a node handed to a request. */
export interface Handout {
  readonly atMs: number;
  readonly node: string;
  readonly incarnation: number;
  readonly op: number;
  readonly id: number;
}

export interface IdTierRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly spec: IdTierSpec;
  readonly history: Operation[];
  readonly calls: readonly CounterCall[];
  readonly crowd: DatabaseCrowd | null;
  readonly handouts: readonly Handout[];
  /** The first misuse of the counter or of `nextId`, in one sentence; null when there was none. */
  readonly misuse: string | null;
}

export function appNodeIds(nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `app${i + 1}`);
}

export type CounterOp = { readonly op: 'add'; readonly count: number } | { readonly op: 'read' } | { readonly op: 'write'; readonly value: number };
type Message = (CounterOp & { readonly type: 'call'; readonly call: number }) | { readonly type: 'answer'; readonly call: number; readonly value: number | null };

const describeOp = (op: CounterOp): string => (op.op === 'add' ? `add ${op.count}` : op.op === 'write' ? `write ${op.value}` : 'read');

function describeMessage(message: unknown): string {
  const m = message as Message;
  if (m.type === 'call') return `counter ${describeOp(m)}`;
  return m.value === null ? 'done' : `counter = ${m.value}`;
}

const show = (value: unknown): string => (typeof value === 'function' ? 'a function' : (JSON.stringify(value) ?? String(value)));

/** The counter call as plain data, or what is wrong with its argument. */
export function counterOp(op: 'add' | 'read' | 'write', arg: unknown): CounterOp | string {
  if (op === 'read') return { op };
  if (op === 'write') return Number.isSafeInteger(arg) && (arg as number) >= 0 ? { op, value: arg as number } : 'the value must be a whole number, 0 or more';
  return Number.isSafeInteger(arg) && (arg as number) >= 1 && (arg as number) <= MAX_ADD ? { op, count: arg as number } : `the count must be a whole number from 1 to ${MAX_ADD}`;
}

/** A refused counter call, in the words of a failure: "counter.add(5000): the count must be …". */
export const describeRefusal = (op: string, arg: unknown, reason: string): string => `counter.${op}(${op === 'read' ? '' : show(arg)}): ${reason}`;

/** Runs the tier on one seed with the allocators `make` builds, and returns what it recorded. */
export function idTierRun(make: MakeAllocator, spec: IdTierSpec, seed: number): IdTierRun {
  const sim = new Simulation({ seed, trace: true, describeMessage });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 2 } });
  const calls: CounterCall[] = [];
  const handouts: Handout[] = [];
  let crowd: DatabaseCrowd | null = null;
  let misuse: string | null = null;
  const misused = (sentence: string) => void (misuse ??= `At ${sim.now} ms, ${sentence}.`);
  let counter = 0;

  const appNode = (): NodeBehaviour<Message> => {
    // The handler running now: learner code calls the counter only while one of this node's handlers runs.
    let ctx: NodeContext<Message> | null = null;
    const answers = new Map<number, (value: number | null) => void>();
    let nextCall = 1;
    const call = (op: 'add' | 'read' | 'write', arg: unknown, then: unknown) => {
      const checked = counterOp(op, arg);
      if (typeof checked === 'string') return misused(`${ctx!.id} called ${describeRefusal(op, arg, checked)}`);
      if (typeof then !== 'function') return misused(`${ctx!.id} called counter.${op} without a function to receive the answer`);
      const id = nextCall++;
      answers.set(id, (value) => (then as (value?: number) => void)(...(value === null ? [] : [value])));
      ctx!.send(DATABASE, { type: 'call', call: id, ...checked });
    };
    const counterOfNode: CounterLike = {
      add: (count, then) => call('add', count, then),
      read: (then) => call('read', undefined, then),
      write: (value, then) => call('write', value, then),
    };
    const work = station<{ readonly request: ClientRequest; readonly id: number }>(APP_WORK, (job) => job.request.id, (c, job) => c.reply(job.request, job.id));
    let allocator: AllocatorLike | null = null;
    // Requests waiting for an id, oldest first. After each request and each counter answer, the node asks the
    // allocator for ids until it answers null.
    const waiting: ClientRequest[] = [];
    const serveWaiting = (c: NodeContext<Message>) => {
      while (waiting.length > 0 && misuse === null) {
        const id: unknown = allocator!.nextId();
        if (id === null) return;
        const request = waiting.shift()!;
        if (!Number.isSafeInteger(id)) return misused(`${c.id}'s nextId() answered ${show(id)} for ${request.client}'s op ${request.id}: an id must be a whole number, or null for "not yet"`);
        handouts.push({ atMs: sim.now, node: c.id, incarnation: c.incarnation, op: request.id, id: id as number });
        work.arrive(c, { request, id: id as number });
      }
    };
    return {
      onStart(c) {
        ctx = c;
        allocator = make(counterOfNode, c.disk);
      },
      onRequest(c, request) {
        ctx = c;
        waiting.push(request);
        serveWaiting(c);
      },
      onMessage(c, _from, m) {
        ctx = c;
        if (m.type !== 'answer') return;
        const then = answers.get(m.call);
        answers.delete(m.call);
        then?.(m.value);
        serveWaiting(c);
      },
      onTimer(c, name, payload) {
        ctx = c;
        work.onTimer(c, name, payload);
      },
    };
  };

  const databaseNode = (): NodeBehaviour<Message> => {
    // Calls at the database (waiting or being served), by the node that made them.
    const present = new Map<string, number>();
    let seq = 0;
    type Job = { readonly seq: number; readonly from: string; readonly call: number; readonly op: CounterOp };
    const lock = station<Job>(DATABASE_LOCK, (job) => job.seq, (c, job) => {
      present.set(job.from, present.get(job.from)! - 1);
      let answer: number | null = counter;
      if (job.op.op === 'add') answer = counter += job.op.count;
      else if (job.op.op === 'write') [counter, answer] = [job.op.value, null];
      calls.push({ atMs: sim.now, node: job.from, what: describeOp(job.op), answer });
      c.send(job.from, { type: 'answer', call: job.call, value: answer });
    });
    return {
      onMessage(c, from, m) {
        if (m.type !== 'call') return;
        present.set(from, (present.get(from) ?? 0) + 1);
        const others = [...present].filter(([node, count]) => node !== from && count > 0).map(([node]) => node);
        if (crowd === null && others.length > 0) crowd = { atMs: sim.now, nodes: [...others, from] };
        const { type: _type, call, ...op } = m;
        lock.arrive(c, { seq: seq++, from, call, op: op as CounterOp });
      },
      onTimer(c, name, payload) {
        lock.onTimer(c, name, payload);
      },
    };
  };

  const apps = appNodeIds(spec.nodes);
  for (const app of apps) sim.addNode(app, appNode);
  sim.addNode(DATABASE, databaseNode);
  if (spec.faults !== undefined) sim.applyFaultPlan(spec.faults);
  startWorkload(sim, {
    clients: Array.from({ length: spec.nodes * USERS_PER_NODE }, (_, i) => ({ id: `u${i + 1}`, node: apps[i % spec.nodes]! })),
    timeoutMs: spec.userTimeoutMs,
    stopMs: spec.durationMs,
    next: () => ({ f: 'create' }),
  });
  sim.run({ untilMs: spec.durationMs + spec.userTimeoutMs });
  return { seed, sim, spec, history: sim.history(), calls, crowd, handouts, misuse };
}
