/**
 * The engine behind `Simulation`: the event loop and everything it touches on the hot path. Members are
 * public so the node context, clients and the facade can reach them without indirection; scenario code
 * uses the `Simulation` facade instead.
 *
 * Hot-path choices (see bench/README.md): a timing-wheel queue, event objects recycled once processed,
 * endpoints addressed by integer index, messages frozen and hashed in one walk, trace columns written
 * only when tracing is on, and the fingerprint mixed from integers that are already at hand.
 */
import type { Operation } from './history.ts';
import type {
  ClientRequest, Fault, Invocation, NodeBehaviour, NodeContext, NodeProgram, SimStats, SimulationOptions, TraceKind,
} from './types.ts';
import { Client, OperationRecord, type ClientHost } from './client.ts';
import { Disk } from './disk.ts';
import { SimBudgetError, SimConfigError } from './errors.ts';
import { validateFaultPlan, checkGroups } from './faults.ts';
import { formatTraceLine, describeValue } from './format.ts';
import { freezeMessage } from './freeze.ts';
import { FNV_OFFSET, FNV_PRIME } from './hash.ts';
import { Network, sampleLatency, type LinkState } from './network.ts';
import { PartitionMatrix } from './partitions.ts';
import { EventQueue, SimEvent } from './queue.ts';
import { Rng } from './rng.ts';
import { CARRIED, DROP, TK, Trace, summarizeEvent, type ReplyMessage, type TimerRecord } from './trace.ts';
import { checkCount, checkPositive, checkTime } from './validate.ts';

/** Event kinds in the queue (not the same as trace kinds: some events record nothing, some several rows). */
const EV = {
  start: 0, message: 1, request: 2, reply: 3, timer: 4, fault: 5, action: 6, clientNext: 7, clientTimeout: 8, burstEnd: 9,
} as const;

/** Second fingerprint lane: a different odd multiplier, so the two 32-bit lanes act as one 64-bit hash. */
const LANE_B_PRIME = 0x5bd1e995;
const LANE_B_OFFSET = 0x9747b28c | 0;

/** A fresh behaviour from a node's program, checked so a typo fails at once with the handler named. */
function instantiate(program: NodeProgram, id: string): NodeBehaviour {
  const behaviour = typeof program === 'function' ? program() : program;
  const field = `node ${id}`;
  if (typeof behaviour !== 'object' || behaviour === null) throw new SimConfigError(`${field}: program()`, behaviour, 'must return a behaviour object');
  for (const handler of ['onStart', 'onMessage', 'onTimer', 'onRequest'] as const) {
    const value = behaviour[handler];
    if (value !== undefined && typeof value !== 'function') throw new SimConfigError(`${field}: ${handler}`, typeof value, 'must be a function');
  }
  return behaviour;
}

/**
 * Handlers must finish before the next event: an async handler's continuation would run outside virtual
 * time, in an order no seed controls. Say so plainly instead of failing later with a confusing error.
 */
function refuseAsync(result: unknown, node: NodeState, handler: string): void {
  if (result !== null && typeof (result as { then?: unknown }).then === 'function') {
    throw new SimConfigError(`node ${node.id}: ${handler}`, 'a Promise', 'must be synchronous (no async, no await): it ran outside virtual time');
  }
}

export class NodeState {
  readonly id: string;
  readonly index: number;
  readonly program: NodeProgram;
  readonly disk: Disk;
  readonly rng: Rng;
  readonly ctx: NodeCtx;
  behaviour: NodeBehaviour | null = null;
  up = false;
  paused = false;
  incarnation = 0;
  skewMs = 0;
  /** Pending timers by id, in the order they were set. */
  readonly timers = new Map<number, SimEvent>();
  /** Events that came due while paused, in the order they came due. */
  backlog: SimEvent[] = [];
  peers: readonly string[] = [];
  peersFor = -1;

  constructor(engine: Engine, id: string, index: number, program: NodeProgram) {
    this.id = id;
    this.index = index;
    this.program = program;
    this.disk = new Disk(id);
    this.rng = engine.rng.fork(`node:${id}`);
    this.ctx = new NodeCtx(engine, this);
  }
}

/** The `ctx` handed to a node's handlers. Refuses to act for a node whose handler is not running. */
class NodeCtx implements NodeContext {
  private readonly engine: Engine;
  private readonly node: NodeState;

  constructor(engine: Engine, node: NodeState) {
    this.engine = engine;
    this.node = node;
  }

  get id(): string {
    return this.node.id;
  }
  get now(): number {
    return this.engine.now + this.node.skewMs;
  }
  get incarnation(): number {
    return this.node.incarnation;
  }
  get peers(): readonly string[] {
    return this.engine.peersOf(this.node);
  }
  get disk(): Disk {
    return this.node.disk;
  }
  get rng(): Rng {
    return this.node.rng;
  }
  send(to: string, message: unknown): void {
    this.engine.nodeSend(this.node, to, message);
  }
  setTimer(delayMs: number, name: string, payload?: unknown): number {
    return this.engine.setTimer(this.node, delayMs, name, payload);
  }
  cancelTimer(idOrName: number | string): void {
    this.engine.cancelTimer(this.node, idOrName);
  }
  reply(request: ClientRequest, output?: unknown): void {
    this.engine.answer(this.node, request, true, output, undefined);
  }
  fail(request: ClientRequest, error: string): void {
    this.engine.answer(this.node, request, false, undefined, String(error));
  }
}

export class Engine implements ClientHost {
  now = 0;
  readonly rng: Rng;
  readonly queue = new EventQueue();
  readonly names: string[] = [];
  readonly indexById = new Map<string, number>();
  readonly nodes: (NodeState | undefined)[] = [];
  readonly clients: (Client | undefined)[] = [];
  readonly nodeIds: string[] = [];
  readonly operations: OperationRecord[] = [];
  readonly network: Network;
  readonly partitions = new PartitionMatrix();
  /** Active loss bursts and latency spikes (a run usually has none or one) and their combined effect. */
  private readonly lossBursts: number[] = [];
  private readonly latencySpikes: number[] = [];
  private lossFloor = 0;
  private extraLatencyMs = 0;
  readonly trace: Trace;
  readonly tracing: boolean;
  readonly maxEvents: number;
  readonly maxTimeMs: number;
  readonly describeMessage: (message: unknown) => string;

  eventsProcessed = 0;
  messagesSent = 0;
  peerMessagesSent = 0;
  messagesDelivered = 0;
  messagesDropped = 0;
  timersFired = 0;

  /** Trace id of the event being processed (the cause of whatever it schedules), or -1 from outside. */
  cause = -1;
  /** Counts recorded events whether or not the trace keeps them, so causes are ids in both modes. */
  recorded = 0;
  /** Two 32-bit lanes, unboxed in every engine (see rng.ts). */
  private readonly lanes = Int32Array.of(FNV_OFFSET, LANE_B_OFFSET);
  /** The node whose handler is running; a ctx may act only for it. */
  activeNode: NodeState | null = null;
  running = false;
  nextOperationId = 1;
  /** Broadcasts send one object many times: freeze and hash it once. */
  private lastFrozen: unknown = undefined;
  private lastFrozenHash = 0;

  constructor(options: SimulationOptions) {
    if (typeof options !== 'object' || options === null) throw new SimConfigError('Simulation options', options, 'must be an object like { seed: 1 }');
    this.rng = Rng.fromSeed(options.seed);
    this.maxEvents = options.maxEvents ?? 1_000_000;
    this.maxTimeMs = options.maxTimeMs ?? 86_400_000;
    checkCount('Simulation options: maxEvents', this.maxEvents);
    checkTime('Simulation options: maxTimeMs', this.maxTimeMs);
    if (options.trace !== undefined && typeof options.trace !== 'boolean') throw new SimConfigError('Simulation options: trace', options.trace, 'must be true or false');
    if (options.describeMessage !== undefined && typeof options.describeMessage !== 'function') {
      throw new SimConfigError('Simulation options: describeMessage', typeof options.describeMessage, 'must be a function');
    }
    this.tracing = options.trace === true;
    this.describeMessage = options.describeMessage ?? describeValue;
    this.trace = new Trace(this.tracing, this.names, this.describeMessage);
    this.network = new Network(this.names, (id, field) => this.endpoint(id, field), (name) => this.rng.fork(name));
  }

  // ---------------------------------------------------------------- endpoints

  endpoint(id: string, field: string): number {
    const index = this.indexById.get(id);
    if (index === undefined) throw new SimConfigError(field, id, 'is not a node or client of this simulation');
    return index;
  }

  nodeIndex(id: string, field: string): number {
    const index = this.endpoint(id, field);
    if (this.nodes[index] === undefined) throw new SimConfigError(field, id, 'is a client, not a node');
    return index;
  }

  node(id: string, field: string): NodeState {
    return this.nodes[this.nodeIndex(id, field)] as NodeState;
  }

  private checkNewId(id: string, field: string): void {
    if (typeof id !== 'string' || id.length === 0) throw new SimConfigError(field, id, 'must be a non-empty string');
    if (this.indexById.has(id)) throw new SimConfigError(field, id, 'is already a node or client of this simulation');
  }

  private addEndpoint(id: string): number {
    const index = this.names.length;
    this.names.push(id);
    this.indexById.set(id, index);
    return index;
  }

  addNode(id: string, program: NodeProgram): void {
    const field = `addNode(${JSON.stringify(id)})`;
    if (typeof program !== 'function' && (typeof program !== 'object' || program === null)) {
      throw new SimConfigError(`${field}: program`, program, 'must be a behaviour object or a function returning one');
    }
    this.checkNewId(id, `${field}: id`);
    // Build the first behaviour before registering, so a bad program leaves no half-added node behind.
    const behaviour = instantiate(program, id);
    const index = this.addEndpoint(id);
    const node = new NodeState(this, id, index, program);
    this.nodes[index] = node;
    this.nodeIds.push(id);
    node.behaviour = behaviour;
    node.up = true;
    node.incarnation = 1;
    const start = this.event(this.now, EV.start, index);
    start.incarnation = 1;
    this.queue.push(start);
  }

  addClient(id: string, timeoutMs: number): Client {
    const field = `addClient(${JSON.stringify(id)})`;
    this.checkNewId(id, `${field}: id`);
    checkPositive(`${field}: timeoutMs`, timeoutMs);
    const index = this.addEndpoint(id);
    const client = new Client(this, id, index, timeoutMs);
    this.clients[index] = client;
    return client;
  }

  peersOf(node: NodeState): readonly string[] {
    if (node.peersFor !== this.nodeIds.length) {
      node.peers = Object.freeze(this.nodeIds.filter((id) => id !== node.id));
      node.peersFor = this.nodeIds.length;
    }
    return node.peers;
  }

  // ---------------------------------------------------------------- scheduling

  /**
   * Processed events are recycled: a run allocates a few hundred event objects instead of millions, which
   * keeps the garbage collector out of the hot loop. An event is recycled only when nothing refers to it
   * any more (see `recycle`).
   */
  private readonly spareEvents: SimEvent[] = [];

  private event(time: number, kind: number, target: number): SimEvent {
    const event = this.spareEvents.pop() ?? new SimEvent();
    event.time = time;
    event.kind = kind;
    event.target = target;
    event.cause = this.cause;
    return event;
  }

  private recycle(event: SimEvent): void {
    if (event.retained || this.spareEvents.length >= 4096) return;
    event.from = -1;
    event.payload = undefined;
    event.label = '';
    event.hash = 0;
    event.sentAt = 0;
    event.incarnation = 0;
    event.cancelled = false;
    event.arrived = false;
    this.spareEvents.push(event);
  }

  at(timeMs: number, label: string, action: () => void): void {
    this.checkFuture('at: timeMs', timeMs);
    if (typeof action !== 'function') throw new SimConfigError(`at(${timeMs}, ${JSON.stringify(label)}): action`, typeof action, 'must be a function');
    const event = this.event(timeMs, EV.action, -1);
    event.label = String(label);
    event.payload = action;
    this.queue.push(event);
  }

  private checkFuture(field: string, timeMs: number): void {
    checkTime(field, timeMs);
    if (timeMs < this.now) throw new SimConfigError(field, timeMs, `is in the past (now is ${this.now}ms)`);
  }

  applyFaultPlan(plan: readonly Fault[]): void {
    validateFaultPlan(plan, this.nodeIds, this.names, this.now);
    const ordered = [...plan].sort((a, b) => a.at - b.at);
    for (const fault of ordered) {
      const event = this.event(fault.at, EV.fault, -1);
      event.payload = fault;
      this.queue.push(event);
    }
  }

  // ---------------------------------------------------------------- the loop

  run(untilMs: number | undefined): void {
    if (this.running) throw new Error('sim.run was called from inside a handler or action; schedule work with sim.at instead');
    if (untilMs !== undefined) checkTime('run: untilMs', untilMs);
    if (untilMs !== undefined && untilMs < this.now) throw new SimConfigError('run: untilMs', untilMs, `is in the past (now is ${this.now}ms)`);
    const until = untilMs ?? Number.POSITIVE_INFINITY;
    this.running = true;
    try {
      const queue = this.queue;
      for (;;) {
        const next = queue.peek();
        if (next === undefined || next.time > until) break;
        queue.pop();
        if (!next.cancelled) this.process(next);
        this.recycle(next);
      }
      if (untilMs !== undefined) this.now = untilMs;
    } finally {
      this.running = false;
      this.activeNode = null;
      this.cause = -1;
    }
  }

  /** Processes the next live event; false when the queue is empty. */
  step(): boolean {
    if (this.running) throw new Error('sim.step was called from inside a handler or action');
    this.running = true;
    try {
      for (;;) {
        const next = this.queue.pop();
        if (next === undefined) return false;
        const live = !next.cancelled;
        if (live) this.process(next);
        this.recycle(next);
        if (live) return true;
      }
    } finally {
      this.running = false;
      this.activeNode = null;
      this.cause = -1;
    }
  }

  private process(event: SimEvent): void {
    if (event.time > this.maxTimeMs) this.overBudget('maxTimeMs', this.maxTimeMs, event);
    if (this.eventsProcessed >= this.maxEvents) this.overBudget('maxEvents', this.maxEvents, event);
    this.now = event.time;
    this.eventsProcessed++;
    this.cause = event.cause;
    switch (event.kind) {
      case EV.message:
        return this.deliverMessage(event);
      case EV.timer:
        return this.fireTimer(event);
      case EV.request:
        return this.deliverRequest(event);
      case EV.reply:
        return this.deliverReply(event);
      case EV.start:
        return this.startNode(event);
      case EV.fault:
        return this.applyFault(event.payload as Fault);
      case EV.action: {
        this.cause = this.record(TK.action, -1, -1, 0, 0, 0, event.label);
        (event.payload as () => void)();
        return;
      }
      case EV.clientNext:
        return this.clientNext(event);
      case EV.clientTimeout:
        return this.clientTimeout(event);
      case EV.burstEnd:
        return this.endBurst(event);
    }
  }

  private overBudget(budget: 'maxEvents' | 'maxTimeMs', limit: number, event: SimEvent): never {
    throw new SimBudgetError(budget, limit, this.now, this.eventsProcessed, this.describePending(event));
  }

  /** One line for an event still in the queue (for budget errors), in the trace's words. */
  private describePending(event: SimEvent): string {
    const node = event.target >= 0 ? this.names[event.target] : undefined;
    const from = event.from >= 0 ? this.names[event.from] : undefined;
    let kind: TraceKind;
    let data: unknown = event.payload;
    switch (event.kind) {
      case EV.start: kind = 'start'; break;
      case EV.message: kind = 'deliver'; break;
      case EV.request: kind = 'request'; break;
      case EV.reply: kind = 'reply'; break;
      case EV.timer: kind = 'timer'; data = { name: event.label, payload: event.payload }; break;
      case EV.fault: kind = (event.payload as Fault).kind; break;
      case EV.clientTimeout: kind = 'timeout'; data = (event.payload as OperationRecord).request; break;
      case EV.clientNext: kind = 'action'; data = `next operation of ${node}`; break;
      case EV.burstEnd: kind = 'action'; data = 'end of a loss burst or latency spike'; break;
      default: kind = 'action'; data = event.label;
    }
    return formatTraceLine({
      id: -1, time: event.time, kind, cause: null, summary: summarizeEvent(kind, data, this.describeMessage),
      ...(node === undefined ? {} : { node, to: node }), ...(from === undefined ? {} : { from }),
    });
  }

  /**
   * Records one event: mixes it into the fingerprint and, when tracing, appends it to the trace.
   * `hash` is the message content hash (or a timer id). Returns the event's id.
   */
  record(kind: number, node: number, peer: number, sentAt: number, reason: number, hash: number, data: unknown): number {
    const lanes = this.lanes;
    let a = lanes[0] as number;
    let b = lanes[1] as number;
    const time = this.now;
    a = Math.imul(a ^ time, FNV_PRIME); b = Math.imul(b ^ time, LANE_B_PRIME);
    a = Math.imul(a ^ kind, FNV_PRIME); b = Math.imul(b ^ kind, LANE_B_PRIME);
    a = Math.imul(a ^ node, FNV_PRIME); b = Math.imul(b ^ node, LANE_B_PRIME);
    a = Math.imul(a ^ peer, FNV_PRIME); b = Math.imul(b ^ peer, LANE_B_PRIME);
    a = Math.imul(a ^ reason, FNV_PRIME); b = Math.imul(b ^ reason, LANE_B_PRIME);
    a = Math.imul(a ^ hash, FNV_PRIME); b = Math.imul(b ^ (hash >>> 7), LANE_B_PRIME);
    lanes[0] = a;
    lanes[1] = b ^ (b >>> 15);
    const id = this.recorded++;
    if (this.tracing) this.trace.append(time, kind, node, peer, sentAt, reason, data, this.cause);
    return id;
  }

  fingerprint(): string {
    const [a, b] = this.lanes as unknown as [number, number];
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }

  // ---------------------------------------------------------------- messages

  private freeze(message: unknown, action: string, subject: string): number {
    if (message === this.lastFrozen && typeof message === 'object' && message !== null) return this.lastFrozenHash;
    const hash = freezeMessage(message, action, subject);
    this.lastFrozen = message;
    this.lastFrozenHash = hash;
    return hash;
  }

  nodeSend(node: NodeState, to: string, message: unknown): void {
    this.checkActive(node, 'send');
    const target = this.indexById.get(to);
    if (target === undefined) throw new SimConfigError(`send from ${node.id}: to`, to, 'is not a node of this simulation');
    if (this.nodes[target] === undefined) throw new SimConfigError(`send from ${node.id}: to`, to, 'is a client; answer clients with ctx.reply or ctx.fail');
    const hash = this.freeze(message, 'send from', node.id);
    this.peerMessagesSent++;
    this.transmit(node.index, target, EV.message, message, hash, CARRIED.message);
  }

  /** Puts a message on the link from → to: draws loss, duplication and latency, then schedules arrival. */
  private transmit(from: number, to: number, kind: number, payload: unknown, hash: number, carried: number): void {
    this.messagesSent++;
    const network = this.network;
    const link = network.linkState(from, to);
    const config = link.config;
    // The same draws for every send whatever the loss rate or partition, so faults never shift later draws.
    // (Duplication is drawn only on links configured to duplicate: no fault changes that setting.)
    const lossDraw = link.rng.next();
    const duplicateDraw = config.duplicate > 0 ? link.rng.next() : 1;
    const latency = sampleLatency(config.latency, link.rng) + this.extraLatencyMs;
    if (this.partitions.isBlocked(from, to)) return this.dropAtSend(from, to, DROP.partition, hash, payload, carried);
    const loss = config.loss > this.lossFloor ? config.loss : this.lossFloor;
    if (lossDraw < loss) return this.dropAtSend(from, to, DROP.loss, hash, payload, carried);
    this.scheduleArrival(link, latency, from, to, kind, payload, hash);
    if (duplicateDraw < config.duplicate) {
      this.messagesSent++;
      this.scheduleArrival(link, sampleLatency(config.latency, link.duplicateRng) + this.extraLatencyMs, from, to, kind, payload, hash);
    }
  }

  private scheduleArrival(link: LinkState, latency: number, from: number, to: number, kind: number, payload: unknown, hash: number): void {
    let arrival = this.now + latency;
    if (link.config.order === 'fifo' && arrival < link.lastArrival) arrival = link.lastArrival;
    if (arrival > link.lastArrival) link.lastArrival = arrival;
    const event = this.event(arrival, kind, to);
    event.from = from;
    event.payload = payload;
    event.hash = hash;
    event.sentAt = this.now;
    const node = this.nodes[to];
    event.incarnation = node === undefined ? 0 : node.incarnation;
    this.queue.push(event);
  }

  private dropAtSend(from: number, to: number, reason: number, hash: number, payload: unknown, carried: number): void {
    this.messagesDropped++;
    this.record(TK.drop, to, from, this.now, reason | carried, hash, payload);
  }

  private dropOnArrival(event: SimEvent, reason: number, carried: number): void {
    this.messagesDropped++;
    this.record(TK.drop, event.target, event.from, event.sentAt, reason | carried, event.hash, event.payload);
  }

  /**
   * The checks every arriving message passes: the link is still open, the node is up and is the
   * incarnation the message was sent to. A paused node keeps the message for later.
   */
  private admit(event: SimEvent, node: NodeState, carried: number): boolean {
    if (!event.arrived && this.partitions.isBlocked(event.from, event.target)) {
      this.dropOnArrival(event, DROP.partition, carried);
      return false;
    }
    if (!node.up) {
      this.dropOnArrival(event, DROP.down, carried);
      return false;
    }
    if (event.incarnation !== node.incarnation) {
      this.dropOnArrival(event, DROP.oldIncarnation, carried);
      return false;
    }
    if (node.paused) {
      event.arrived = true;
      event.retained = true;
      node.backlog.push(event);
      return false;
    }
    return true;
  }

  private deliverMessage(event: SimEvent): void {
    const node = this.nodes[event.target] as NodeState;
    if (!this.admit(event, node, CARRIED.message)) return;
    this.messagesDelivered++;
    this.cause = this.record(TK.deliver, event.target, event.from, event.sentAt, 0, event.hash, event.payload);
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onMessage === undefined) return;
    this.activeNode = node;
    const result: unknown = behaviour.onMessage(node.ctx, this.names[event.from] as string, event.payload);
    if (result !== undefined) refuseAsync(result, node, 'onMessage');
    this.activeNode = null;
  }

  private deliverRequest(event: SimEvent): void {
    const node = this.nodes[event.target] as NodeState;
    if (!this.admit(event, node, CARRIED.request)) return;
    this.messagesDelivered++;
    const request = event.payload as ClientRequest;
    this.cause = this.record(TK.request, event.target, event.from, event.sentAt, 0, event.hash, request);
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onRequest === undefined) {
      throw new SimConfigError(`node ${node.id}: onRequest`, undefined, `must be defined: client ${request.client} sent it op ${request.id} (${request.f})`);
    }
    this.activeNode = node;
    const result: unknown = behaviour.onRequest(node.ctx, request);
    if (result !== undefined) refuseAsync(result, node, 'onRequest');
    this.activeNode = null;
  }

  // ---------------------------------------------------------------- timers and node lifecycle

  private checkActive(node: NodeState, what: string): void {
    if (this.activeNode !== node) {
      throw new Error(`ctx.${what} of node ${node.id} was used outside ${node.id}'s own handler; each node acts only through the ctx it is handed, while its handler runs`);
    }
  }

  setTimer(node: NodeState, delayMs: number, name: string, payload: unknown): number {
    this.checkActive(node, 'setTimer');
    checkTime(`setTimer on ${node.id}: delayMs`, delayMs);
    if (typeof name !== 'string') throw new SimConfigError(`setTimer on ${node.id}: name`, name, 'must be a string');
    const event = this.event(this.now + delayMs, EV.timer, node.index);
    event.label = name;
    event.payload = payload;
    event.incarnation = node.incarnation;
    this.queue.push(event);
    // The seq is unique and deterministic, so it doubles as the timer id (and as its fingerprint input).
    event.hash = event.seq;
    node.timers.set(event.seq, event);
    return event.seq;
  }

  cancelTimer(node: NodeState, idOrName: number | string): void {
    this.checkActive(node, 'cancelTimer');
    if (typeof idOrName === 'number') {
      const timer = node.timers.get(idOrName);
      if (timer !== undefined) {
        timer.cancelled = true;
        node.timers.delete(idOrName);
      }
      return;
    }
    for (const [id, timer] of node.timers) {
      if (timer.label === idOrName) {
        timer.cancelled = true;
        node.timers.delete(id);
      }
    }
  }

  /** Timers and start events belong to one incarnation; they never fire in a later one. */
  private admitLocal(event: SimEvent, node: NodeState): boolean {
    if (!node.up || event.incarnation !== node.incarnation) return false;
    if (node.paused) {
      event.retained = true;
      node.backlog.push(event);
      return false;
    }
    return true;
  }

  private fireTimer(event: SimEvent): void {
    const node = this.nodes[event.target] as NodeState;
    if (!this.admitLocal(event, node)) return;
    node.timers.delete(event.hash);
    this.timersFired++;
    const timer: TimerRecord | undefined = this.tracing ? { name: event.label, payload: event.payload } : undefined;
    this.cause = this.record(TK.timer, event.target, -1, 0, 0, event.hash, timer);
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onTimer === undefined) return;
    this.activeNode = node;
    const result: unknown = behaviour.onTimer(node.ctx, event.label, event.payload);
    if (result !== undefined) refuseAsync(result, node, 'onTimer');
    this.activeNode = null;
  }

  private startNode(event: SimEvent): void {
    const node = this.nodes[event.target] as NodeState;
    if (!this.admitLocal(event, node)) return;
    this.cause = this.record(TK.start, event.target, -1, 0, 0, node.incarnation, undefined);
    this.runOnStart(node);
  }

  private runOnStart(node: NodeState): void {
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onStart === undefined) return;
    this.activeNode = node;
    const result: unknown = behaviour.onStart(node.ctx);
    if (result !== undefined) refuseAsync(result, node, 'onStart');
    this.activeNode = null;
  }

  /** Fault records carry the fault as data, so a trace line and a plan line say the same thing. */
  private recordFault(kind: number, node: number, fault: Fault): void {
    this.cause = this.record(kind, node, -1, 0, 0, 0, fault);
  }

  crash(id: string): void {
    const node = this.node(id, 'crash: node');
    if (!node.up) throw new SimConfigError('crash: node', id, `is already down (t=${this.now}ms)`);
    this.recordFault(TK.crash, node.index, { at: this.now, kind: 'crash', node: id });
    node.up = false;
    node.paused = false;
    node.behaviour = null;
    for (const timer of node.timers.values()) timer.cancelled = true;
    node.timers.clear();
    for (const event of node.backlog) {
      if (event.kind !== EV.timer && event.kind !== EV.start) {
        this.dropOnArrival(event, DROP.down, event.kind === EV.request ? CARRIED.request : CARRIED.message);
      }
    }
    node.backlog = [];
  }

  restart(id: string): void {
    const node = this.node(id, 'restart: node');
    if (node.up) throw new SimConfigError('restart: node', id, `is not down (t=${this.now}ms); crash it first`);
    node.incarnation++;
    node.up = true;
    node.behaviour = instantiate(node.program, node.id);
    this.cause = this.record(TK.restart, node.index, -1, 0, 0, node.incarnation, node.incarnation);
    this.runOnStart(node);
  }

  pause(id: string): void {
    const node = this.node(id, 'pause: node');
    if (!node.up || node.paused) throw new SimConfigError('pause: node', id, `must be up and running (t=${this.now}ms)`);
    this.recordFault(TK.pause, node.index, { at: this.now, kind: 'pause', node: id });
    node.paused = true;
  }

  resume(id: string): void {
    const node = this.node(id, 'resume: node');
    if (!node.paused) throw new SimConfigError('resume: node', id, `is not paused (t=${this.now}ms)`);
    this.recordFault(TK.resume, node.index, { at: this.now, kind: 'resume', node: id });
    node.paused = false;
    // Everything that came due while paused runs now, in the order it came due.
    for (const event of node.backlog) {
      event.time = this.now;
      event.retained = false;
      this.queue.push(event);
    }
    node.backlog = [];
  }

  setClockSkew(id: string, skewMs: number): void {
    const node = this.node(id, 'setClockSkew: node');
    if (!Number.isSafeInteger(skewMs)) throw new SimConfigError(`setClockSkew(${id}): skewMs`, skewMs, 'must be an integer (ms)');
    this.recordFault(TK.clockSkew, node.index, { at: this.now, kind: 'clock-skew', node: id, skewMs });
    node.skewMs = skewMs;
  }

  partition(groups: readonly (readonly string[])[]): void {
    checkGroups('partition: groups', groups, this.indexById);
    const indexes = groups.map((ids) => ids.map((id) => this.indexById.get(id) as number));
    indexes.forEach((group, g) => {
      indexes.forEach((other, o) => {
        if (g === o) return;
        for (const from of group) for (const to of other) this.partitions.block(from, to);
      });
    });
    this.recordFault(TK.partition, -1, { at: this.now, kind: 'partition', groups: groups.map((ids) => [...ids]) });
  }

  partitionOneWay(from: readonly string[], to: readonly string[]): void {
    checkGroups('partitionOneWay: from', [from], this.indexById);
    checkGroups('partitionOneWay: to', [to], this.indexById);
    for (const a of from) for (const b of to) this.partitions.block(this.indexById.get(a) as number, this.indexById.get(b) as number);
    this.recordFault(TK.partitionOneWay, -1, { at: this.now, kind: 'partition-one-way', from: [...from], to: [...to] });
  }

  heal(): void {
    this.partitions.clear();
    this.recordFault(TK.heal, -1, { at: this.now, kind: 'heal' });
  }

  isBlocked(from: string, to: string): boolean {
    return this.partitions.isBlocked(this.endpoint(from, 'isBlocked: from'), this.endpoint(to, 'isBlocked: to'));
  }

  private applyFault(fault: Fault): void {
    switch (fault.kind) {
      case 'crash': return this.crash(fault.node);
      case 'restart': return this.restart(fault.node);
      case 'pause': return this.pause(fault.node);
      case 'resume': return this.resume(fault.node);
      case 'clock-skew': return this.setClockSkew(fault.node, fault.skewMs);
      case 'partition': return this.partition(fault.groups);
      case 'partition-one-way': return this.partitionOneWay(fault.from, fault.to);
      case 'heal': return this.heal();
      case 'loss-burst':
      case 'latency-spike':
        return this.startBurst(fault);
    }
  }

  private startBurst(fault: Fault & { kind: 'loss-burst' | 'latency-spike' }): void {
    if (fault.kind === 'loss-burst') {
      this.lossBursts.push(fault.rate);
    } else {
      this.latencySpikes.push(fault.extraMs);
    }
    this.recordFault(fault.kind === 'loss-burst' ? TK.lossBurst : TK.latencySpike, -1, fault);
    this.refreshBursts();
    const end = this.event(this.now + fault.durationMs, EV.burstEnd, -1);
    end.payload = fault;
    this.queue.push(end);
  }

  private endBurst(event: SimEvent): void {
    const fault = event.payload as Fault & { kind: 'loss-burst' | 'latency-spike' };
    const list = fault.kind === 'loss-burst' ? this.lossBursts : this.latencySpikes;
    list.splice(list.indexOf(fault.kind === 'loss-burst' ? fault.rate : fault.extraMs), 1);
    this.refreshBursts();
  }

  /** Overlapping bursts: the worst loss rate applies; latency spikes add up. */
  private refreshBursts(): void {
    this.lossFloor = this.lossBursts.reduce((max, rate) => Math.max(max, rate), 0);
    this.extraLatencyMs = this.latencySpikes.reduce((sum, ms) => sum + ms, 0);
  }

  // ---------------------------------------------------------------- clients

  invoke(client: Client, invocation: Invocation): number {
    const field = `client ${client.id}.invoke`;
    if (typeof invocation !== 'object' || invocation === null) throw new SimConfigError(field, invocation, 'needs { node, f, input?, key? }');
    const target = this.nodeIndex(invocation.node, `${field}: node`);
    if (typeof invocation.f !== 'string' || invocation.f.length === 0) throw new SimConfigError(`${field}: f`, invocation.f, 'must be a non-empty string');
    if (invocation.key !== undefined && typeof invocation.key !== 'string') throw new SimConfigError(`${field}: key`, invocation.key, 'must be a string');
    if (client.pending !== null) {
      throw new SimConfigError(field, invocation.f, `was called at t=${this.now}ms while op ${client.pending.request.id} is still in flight (a client has at most one; add another client)`);
    }
    const id = this.nextOperationId++;
    const request: ClientRequest = invocation.key === undefined
      ? { id, client: client.id, f: invocation.f, input: invocation.input }
      : { id, client: client.id, f: invocation.f, key: invocation.key, input: invocation.input };
    const hash = freezeMessage(request, 'client', `${client.id}.invoke`);
    const record = new OperationRecord(request, this.now);
    this.operations.push(record);
    client.pending = record;
    const outerCause = this.cause;
    this.cause = this.record(TK.invoke, client.index, target, 0, 0, hash, request);
    this.transmit(client.index, target, EV.request, request, hash, CARRIED.request);
    const timeout = this.event(this.now + client.timeoutMs, EV.clientTimeout, client.index);
    timeout.payload = record;
    this.queue.push(timeout);
    record.timeout = timeout;
    this.cause = outerCause;
    return id;
  }

  scheduleNext(client: Client, atMs: number | undefined, invocation: Invocation | null, field: string): void {
    const time = atMs ?? this.now;
    this.checkFuture(field, time);
    const event = this.event(time, EV.clientNext, client.index);
    event.payload = invocation;
    this.queue.push(event);
  }

  answer(node: NodeState, request: ClientRequest, ok: boolean, output: unknown, error: string | undefined): void {
    this.checkActive(node, ok ? 'reply' : 'fail');
    const client = typeof request === 'object' && request !== null ? this.indexById.get(request.client) : undefined;
    if (client === undefined || this.clients[client] === undefined) {
      throw new SimConfigError(`${ok ? 'reply' : 'fail'} from ${node.id}: request`, request, 'must be the request object onRequest received');
    }
    const reply: ReplyMessage = ok ? (output === undefined ? { op: request.id, ok } : { op: request.id, ok, output }) : { op: request.id, ok, error: error as string };
    const hash = freezeMessage(reply, 'reply from', node.id);
    this.transmit(node.index, client, EV.reply, reply, hash, CARRIED.reply);
  }

  private deliverReply(event: SimEvent): void {
    if (!event.arrived && this.partitions.isBlocked(event.from, event.target)) return this.dropOnArrival(event, DROP.partition, CARRIED.reply);
    const client = this.clients[event.target] as Client;
    const reply = event.payload as ReplyMessage;
    const pending = client.pending;
    if (pending === null || pending.request.id !== reply.op) return this.dropOnArrival(event, DROP.notWaiting, CARRIED.reply);
    this.messagesDelivered++;
    this.cause = this.record(TK.reply, event.target, event.from, event.sentAt, 0, event.hash, reply);
    if (reply.ok) {
      pending.outcome = 'ok';
      pending.output = reply.output;
    } else {
      pending.outcome = 'fail';
      pending.error = reply.error;
    }
    this.complete(client, pending);
  }

  private clientTimeout(event: SimEvent): void {
    const client = this.clients[event.target] as Client;
    const record = event.payload as OperationRecord;
    // This event is about to be recycled: the record must not keep it.
    record.timeout = null;
    this.cause = this.record(TK.timeout, event.target, -1, 0, 0, record.request.id, record.request);
    record.outcome = 'unknown';
    record.error = `no reply within ${client.timeoutMs}ms`;
    this.complete(client, record);
  }

  private complete(client: Client, record: OperationRecord): void {
    record.completedAt = this.now;
    if (record.timeout !== null) {
      record.timeout.cancelled = true;
      record.timeout = null;
    }
    client.pending = null;
    client.lastCompleted = record;
    if (client.loop !== null) this.scheduleNext(client, this.now + client.loop.thinkMs, null, `client ${client.id}.closedLoop`);
  }

  private clientNext(event: SimEvent): void {
    const client = this.clients[event.target] as Client;
    const invocation = event.payload as Invocation | null;
    if (invocation !== null) {
      this.invoke(client, invocation);
      return;
    }
    if (client.loop === null) return;
    const next = client.loop.next(client.lastCompleted?.toOperation());
    if (next !== null) this.invoke(client, next);
  }

  history(): Operation[] {
    return this.operations.map((record) => record.toOperation());
  }

  stats(): SimStats {
    return Object.freeze({
      eventsProcessed: this.eventsProcessed,
      messagesSent: this.messagesSent,
      peerMessagesSent: this.peerMessagesSent,
      messagesDelivered: this.messagesDelivered,
      messagesDropped: this.messagesDropped,
      timersFired: this.timersFired,
    });
  }
}
