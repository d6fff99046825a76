/**
 * The engine behind `Simulation`: the event loop and everything it touches on the hot path — scheduling,
 * messages, timers, the fingerprint and the trace. Faults and node lifecycle live in `fault-injector.ts`,
 * client bookkeeping in `client-driver.ts`, a node's own state and `ctx` in `node-state.ts`; the loop
 * dispatches their events to them. Members are public so those modules and the facade reach them without
 * indirection; scenario code uses the `Simulation` facade instead.
 *
 * Hot-path choices (see bench/README.md): a timing-wheel queue, event objects recycled once processed,
 * endpoints addressed by integer index, messages frozen and hashed in one walk, trace columns written
 * only when tracing is on, and the fingerprint mixed from integers that are already at hand.
 */
import type { ClientRequest, Fault, NodeBehaviour, NodeProgram, SimStats, SimulationOptions, TraceKind } from './types.ts';
import type { Client, OperationRecord } from './client.ts';
import { ClientDriver } from './client-driver.ts';
import { SimBudgetError, SimConfigError } from './errors.ts';
import { EV } from './event-kinds.ts';
import { FaultInjector } from './fault-injector.ts';
import { formatTraceLine, describeValue } from './format.ts';
import { freezeMessage } from './freeze.ts';
import { FNV_OFFSET, FNV_PRIME } from './hash.ts';
import { Network, sampleLatency, type LinkState } from './network.ts';
import { NodeState, instantiate, refuseAsync } from './node-state.ts';
import { PartitionMatrix } from './partitions.ts';
import { EventQueue, SimEvent } from './queue.ts';
import { Rng } from './rng.ts';
import { ambientStateSnapshot } from './state-snapshots.ts';
import { tracingSuppressed } from './untraced.ts';
import { CARRIED, DROP, TK, Trace, summarizeEvent, type TimerRecord } from './trace.ts';
import { checkCount, checkTime } from './validate.ts';

/** Second fingerprint lane: a different odd multiplier, so the two 32-bit lanes act as one 64-bit hash. */
const LANE_B_PRIME = 0x5bd1e995;
const LANE_B_OFFSET = 0x9747b28c | 0;

export class Engine {
  now = 0;
  readonly rng: Rng;
  readonly queue = new EventQueue();
  readonly names: string[] = [];
  readonly indexById = new Map<string, number>();
  readonly nodes: (NodeState | undefined)[] = [];
  readonly clients: (Client | undefined)[] = [];
  readonly nodeIds: string[] = [];
  readonly network: Network;
  readonly partitions = new PartitionMatrix();
  /** The combined effect of active loss bursts and latency spikes, kept by `faults`. */
  lossFloor = 0;
  extraLatencyMs = 0;
  /** Faults and node lifecycle: crashes, restarts, pauses, skew, partitions, bursts. */
  readonly faults: FaultInjector;
  /** Clients, their operations and the history. */
  readonly clientDriver: ClientDriver;
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
  /** Set when this run records node states for a learner to step through (tracing runs only). */
  private readonly snapshotState: ((state: unknown) => unknown) | undefined;
  running = false;
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
    if (options.snapshotState !== undefined && typeof options.snapshotState !== 'function') {
      throw new SimConfigError('Simulation options: snapshotState', typeof options.snapshotState, 'must be a function');
    }
    this.tracing = options.trace === true && !tracingSuppressed();
    this.describeMessage = options.describeMessage ?? describeValue;
    this.trace = new Trace(this.tracing, this.names, this.describeMessage);
    const snapshot = options.snapshotState ?? ambientStateSnapshot();
    this.snapshotState = this.tracing ? snapshot : undefined;
    this.network = new Network(this.names, (id, field) => this.endpoint(id, field), (name) => this.rng.fork(name));
    this.faults = new FaultInjector(this);
    this.clientDriver = new ClientDriver(this);
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

  checkNewId(id: string, field: string): void {
    if (typeof id !== 'string' || id.length === 0) throw new SimConfigError(field, id, 'must be a non-empty string');
    if (this.indexById.has(id)) throw new SimConfigError(field, id, 'is already a node or client of this simulation');
  }

  addEndpoint(id: string): number {
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

  event(time: number, kind: number, target: number): SimEvent {
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

  checkFuture(field: string, timeMs: number): void {
    checkTime(field, timeMs);
    if (timeMs < this.now) throw new SimConfigError(field, timeMs, `is in the past (now is ${this.now}ms)`);
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
        return this.clientDriver.deliverReply(event);
      case EV.start:
        return this.startNode(event);
      case EV.fault:
        return this.faults.apply(event.payload as Fault);
      case EV.action: {
        this.cause = this.record(TK.action, -1, -1, 0, 0, 0, event.label);
        (event.payload as () => void)();
        return;
      }
      case EV.clientNext:
        return this.clientDriver.next(event);
      case EV.clientTimeout:
        return this.clientDriver.timeout(event);
      case EV.burstEnd:
        return this.faults.endBurst(event);
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
  transmit(from: number, to: number, kind: number, payload: unknown, hash: number, carried: number): void {
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

  dropOnArrival(event: SimEvent, reason: number, carried: number): void {
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
    const id = (this.cause = this.record(TK.deliver, event.target, event.from, event.sentAt, 0, event.hash, event.payload));
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onMessage === undefined) return;
    this.activeNode = node;
    const result: unknown = behaviour.onMessage(node.ctx, this.names[event.from] as string, event.payload);
    if (result !== undefined) refuseAsync(result, node, 'onMessage');
    this.activeNode = null;
    this.keepState(id, node);
  }

  private deliverRequest(event: SimEvent): void {
    const node = this.nodes[event.target] as NodeState;
    if (!this.admit(event, node, CARRIED.request)) return;
    this.messagesDelivered++;
    const request = event.payload as ClientRequest;
    const id = (this.cause = this.record(TK.request, event.target, event.from, event.sentAt, 0, event.hash, request));
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onRequest === undefined) {
      throw new SimConfigError(`node ${node.id}: onRequest`, undefined, `must be defined: client ${request.client} sent it op ${request.id} (${request.f})`);
    }
    this.activeNode = node;
    const result: unknown = behaviour.onRequest(node.ctx, request);
    if (result !== undefined) refuseAsync(result, node, 'onRequest');
    this.activeNode = null;
    this.keepState(id, node);
  }

  /**
   * The node's state after a handler, kept on the event it ran for. Reading it must not end the run: a state
   * that cannot be read is kept as a sentence saying so.
   */
  keepState(id: number, node: NodeState): void {
    const behaviour = node.behaviour;
    if (this.snapshotState === undefined || behaviour === null || typeof behaviour.state !== 'function') return;
    let state: unknown;
    try {
      state = this.snapshotState(behaviour.state());
    } catch (error) {
      state = `(the state of ${node.id} could not be read: ${error instanceof Error ? error.message : String(error)})`;
    }
    this.trace.keepState(id, state);
  }

  // ---------------------------------------------------------------- timers and node lifecycle

  checkActive(node: NodeState, what: string): void {
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
    const id = (this.cause = this.record(TK.timer, event.target, -1, 0, 0, event.hash, timer));
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onTimer === undefined) return;
    this.activeNode = node;
    const result: unknown = behaviour.onTimer(node.ctx, event.label, event.payload);
    if (result !== undefined) refuseAsync(result, node, 'onTimer');
    this.activeNode = null;
    this.keepState(id, node);
  }

  private startNode(event: SimEvent): void {
    const node = this.nodes[event.target] as NodeState;
    if (!this.admitLocal(event, node)) return;
    const id = (this.cause = this.record(TK.start, event.target, -1, 0, 0, node.incarnation, undefined));
    this.runOnStart(node);
    this.keepState(id, node);
  }

  runOnStart(node: NodeState): void {
    const behaviour = node.behaviour as NodeBehaviour;
    if (behaviour.onStart === undefined) return;
    this.activeNode = node;
    const result: unknown = behaviour.onStart(node.ctx);
    if (result !== undefined) refuseAsync(result, node, 'onStart');
    this.activeNode = null;
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
