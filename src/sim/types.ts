/**
 * The public shapes of the simulation core. Everything here is plain data or a small interface, so
 * scenario helpers, exercises and figures can depend on these types without importing the engine.
 * All times are integer virtual milliseconds.
 */
import type { Rng } from './rng.ts';
import type { Disk } from './disk.ts';

/** How long a message spends on a link. Samples are rounded to whole milliseconds. */
export type Latency =
  | { readonly kind: 'constant'; readonly ms: number }
  /** Uniform over the integers minMs..maxMs, both included. */
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  /** minMs plus an exponential tail with the given mean (minMs defaults to 0). */
  | { readonly kind: 'exponential'; readonly meanMs: number; readonly minMs?: number };

/** One direction of a link between two endpoints (nodes or clients). */
export interface LinkConfig {
  readonly latency: Latency;
  /** Probability in [0, 1] that a message is lost. */
  readonly loss: number;
  /** Probability in [0, 1] that a message is delivered twice (the copy gets its own latency). */
  readonly duplicate: number;
  /** 'fifo': never overtakes an earlier message on the same link; 'reorder': each message keeps its own latency. */
  readonly order: 'fifo' | 'reorder';
}

export interface SimulationOptions {
  /** One seed per run; every random stream is forked from it by name. Any safe integer. */
  readonly seed: number;
  /** Stop with a SimBudgetError after this many processed events (default 1 000 000). */
  readonly maxEvents?: number;
  /** Stop with a SimBudgetError when the next event lies after this virtual time (default 86 400 000 = one day). */
  readonly maxTimeMs?: number;
  /** Record every event (default false). The fingerprint is computed either way. */
  readonly trace?: boolean;
  /** Turns a message into the short text the trace shows ("put x=1"). Only called when formatting. */
  readonly describeMessage?: (message: unknown) => string;
  /**
   * Turns on state recording: after each handler of a node whose behaviour has `state()`, the trace keeps
   * `snapshotState(state())` on the event the handler ran for. The snapshot must copy (later changes to the node
   * must not reach it). Default: the one `withStateSnapshots` set, else none. Needs `trace: true`.
   */
  readonly snapshotState?: (state: unknown) => unknown;
}

/** What a client asks a node to do. Arrives in `onRequest`; answer with `ctx.reply` or `ctx.fail`. */
export interface ClientRequest<Input = unknown> {
  /** The operation id in the history (unique per simulation). */
  readonly id: number;
  readonly client: string;
  readonly f: string;
  readonly key?: string;
  readonly input: Input;
}

/** What a node's handlers see. Valid only while the handler runs. */
export interface NodeContext<Message = unknown> {
  readonly id: string;
  /** This node's local clock: true virtual time plus its clock skew. */
  readonly now: number;
  /** 1 at the first start, +1 on every restart. */
  readonly incarnation: number;
  /** Every node id except this one, in the order they were added. */
  readonly peers: readonly string[];
  /** Survives crashes; values are deep-frozen on write. */
  readonly disk: Disk;
  /** This node's own random stream (kept across restarts). */
  readonly rng: Rng;
  /** Sends a message (deep-frozen) to a node or client. */
  send(to: string, message: Message): void;
  /** Fires `onTimer(ctx, name, payload)` after `delayMs` of true time; returns an id for `cancelTimer`. */
  setTimer(delayMs: number, name: string, payload?: unknown): number;
  /** Cancels one timer by id, or every pending timer with that name. */
  cancelTimer(idOrName: number | string): void;
  /** Answers a client request: the client records `ok` with this output. */
  reply(request: ClientRequest, output?: unknown): void;
  /** Refuses a client request: the client records `fail` with this reason. */
  fail(request: ClientRequest, error: string): void;
}

/** A node's program. Created by its factory at start and again at every restart (volatile state lost). */
export interface NodeBehaviour<Message = unknown> {
  onStart?(ctx: NodeContext<Message>): void;
  onMessage?(ctx: NodeContext<Message>, from: string, message: Message): void;
  onTimer?(ctx: NodeContext<Message>, name: string, payload: unknown): void;
  onRequest?(ctx: NodeContext<Message>, request: ClientRequest): void;
  /**
   * What the node holds, for a learner stepping through a failing run ("A holds x=2 at version 3"). Read after
   * each of the node's handlers, and only in runs that record states (`SimulationOptions.snapshotState`):
   * never while grading, so it can never change an outcome.
   */
  state?(): unknown;
}

/**
 * A factory (called at every start, so volatile state is fresh) or a plain object (reused as is across
 * restarts: keep state out of it, or it survives crashes).
 */
export type NodeProgram<Message = unknown> = NodeBehaviour<Message> | (() => NodeBehaviour<Message>);

/** One operation a client issues: to which node, what, with which input. */
export interface Invocation {
  readonly node: string;
  readonly f: string;
  readonly input?: unknown;
  readonly key?: string;
}

export interface SimStats {
  readonly eventsProcessed: number;
  /** Every copy put on the network, client requests and replies included (a duplicated message counts twice). */
  readonly messagesSent: number;
  /** Node-to-node messages only: the numerator of messages per operation. */
  readonly peerMessagesSent: number;
  readonly messagesDelivered: number;
  readonly messagesDropped: number;
  readonly timersFired: number;
}

/** Fault plans are data: print them, edit them, replay them. */
export type Fault =
  | { readonly at: number; readonly kind: 'crash'; readonly node: string }
  | { readonly at: number; readonly kind: 'restart'; readonly node: string }
  | { readonly at: number; readonly kind: 'pause'; readonly node: string }
  | { readonly at: number; readonly kind: 'resume'; readonly node: string }
  /** Endpoints in different groups cannot talk; endpoints named in no group keep talking to everyone. */
  | { readonly at: number; readonly kind: 'partition'; readonly groups: readonly (readonly string[])[] }
  /** Messages from any of `from` to any of `to` are dropped; the other direction still works. */
  | { readonly at: number; readonly kind: 'partition-one-way'; readonly from: readonly string[]; readonly to: readonly string[] }
  /** Removes every partition (two-way and one-way). */
  | { readonly at: number; readonly kind: 'heal' }
  /** Every link loses at least `rate` of its messages for `durationMs`. */
  | { readonly at: number; readonly kind: 'loss-burst'; readonly rate: number; readonly durationMs: number }
  /** Every message sent during the spike takes `extraMs` longer. */
  | { readonly at: number; readonly kind: 'latency-spike'; readonly extraMs: number; readonly durationMs: number }
  /** Sets the node's clock offset (its `now` minus true time). */
  | { readonly at: number; readonly kind: 'clock-skew'; readonly node: string; readonly skewMs: number };

export type FaultKind = Fault['kind'];
export type FaultPlan = readonly Fault[];

/** The kinds of trace events; see trace.ts for which fields each one fills. */
export type TraceKind =
  | 'start'
  | 'deliver'
  | 'request'
  | 'reply'
  | 'drop'
  | 'timer'
  | 'invoke'
  | 'timeout'
  | 'action'
  | FaultKind;

/** One recorded event, structured so it can be printed as a line or drawn on a space-time diagram. */
export interface TraceEvent {
  /** Position in the trace: ids increase in processing order. */
  readonly id: number;
  readonly time: number;
  readonly kind: TraceKind;
  /** Where it happened (the receiver for deliveries, the owner for timers); absent for network-wide events. */
  readonly node?: string;
  /** For messages: sender, receiver and the true time it was sent. */
  readonly from?: string;
  readonly to?: string;
  readonly sentAt?: number;
  /** The message, request, reply, timer payload, fault or action label, as plain data. */
  readonly data?: unknown;
  /** Short text for the data ("put x=1", "heartbeat", "partition {A, B} | {C}"). */
  readonly summary: string;
  /** For drops: why ("partition", "loss", "B is down", …). */
  readonly reason?: string;
  /** The id of the event during which this one was scheduled; null for events set up from outside. */
  readonly cause: number | null;
  /** The node's state right after its handler ran for this event, in runs that record states. */
  readonly state?: unknown;
}
