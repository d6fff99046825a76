/**
 * The trace: every processed event with the event that caused it. Stored column by column in typed
 * arrays, in chunks of 65 536 events (about 30 bytes an event, plus a reference to the message, which is
 * frozen and so safe to keep). Full chunks never get copied as the trace grows, so a traced million-event
 * run stays small and its memory does not spike; only the first chunk starts small and doubles up to full
 * size, so a short traced run (a hidden test's) does not allocate 2 MB of columns it never fills.
 * `TraceEvent` objects are built only when asked for.
 */
import type { Fault, TraceEvent, TraceKind } from './types.ts';
import { describeFault, signed } from './faults.ts';
import { describeValue } from './format.ts';

/** Trace kinds by code; the simulation records codes, readers see names. */
export const TRACE_KINDS: readonly TraceKind[] = [
  'start', 'deliver', 'request', 'reply', 'drop', 'timer', 'invoke', 'timeout', 'action',
  'crash', 'restart', 'pause', 'resume', 'partition', 'partition-one-way', 'heal', 'loss-burst', 'latency-spike', 'clock-skew',
];
export const TK = {
  start: 0, deliver: 1, request: 2, reply: 3, drop: 4, timer: 5, invoke: 6, timeout: 7, action: 8,
  crash: 9, restart: 10, pause: 11, resume: 12, partition: 13, partitionOneWay: 14, heal: 15, lossBurst: 16,
  latencySpike: 17, clockSkew: 18,
} as const;

/** Why a message was dropped (low four bits of the reason byte). */
export const DROP = { none: 0, partition: 1, loss: 2, down: 3, oldIncarnation: 4, notWaiting: 5 } as const;

/** What a dropped message carried (high bits of the reason byte), so its summary reads right. */
export const CARRIED = { message: 0, request: 16, reply: 32 } as const;

/** A reply on the wire: which operation, and how it ended. */
export interface ReplyMessage {
  readonly op: number;
  readonly ok: boolean;
  readonly output?: unknown;
  readonly error?: string;
}

/** What a timer row keeps (built only when tracing). */
export interface TimerRecord {
  readonly name: string;
  readonly payload: unknown;
}

const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** The first chunk's starting capacity; it doubles until it holds CHUNK_SIZE events. */
const FIRST_CHUNK_SIZE = 1 << 10;

class Chunk {
  readonly capacity: number;
  readonly time: Float64Array;
  readonly sentAt: Float64Array;
  readonly kind: Uint8Array;
  readonly reason: Uint8Array;
  readonly node: Int32Array;
  readonly peer: Int32Array;
  readonly cause: Int32Array;
  readonly data: unknown[];

  constructor(capacity: number, data: unknown[] = []) {
    this.capacity = capacity;
    this.time = new Float64Array(capacity);
    this.sentAt = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.reason = new Uint8Array(capacity);
    this.node = new Int32Array(capacity);
    this.peer = new Int32Array(capacity);
    this.cause = new Int32Array(capacity);
    this.data = data;
  }

  /** A chunk of twice the capacity holding the same events. */
  doubled(): Chunk {
    const bigger = new Chunk(Math.min(CHUNK_SIZE, this.capacity * 2), this.data);
    bigger.time.set(this.time);
    bigger.sentAt.set(this.sentAt);
    bigger.kind.set(this.kind);
    bigger.reason.set(this.reason);
    bigger.node.set(this.node);
    bigger.peer.set(this.peer);
    bigger.cause.set(this.cause);
    return bigger;
  }
}

export class Trace {
  readonly enabled: boolean;
  private length = 0;
  private readonly chunks: Chunk[] = [];
  private current: Chunk | undefined = undefined;
  /** Node states by event id, in runs that record them (few events have one: a map, not a column). */
  private readonly states = new Map<number, unknown>();
  private readonly names: readonly string[];
  private readonly describeMessage: (message: unknown) => string;

  /** `names` is the simulation's endpoint table (it grows as endpoints are added). */
  constructor(enabled: boolean, names: readonly string[], describeMessage: (message: unknown) => string) {
    this.enabled = enabled;
    this.names = names;
    this.describeMessage = describeMessage;
  }

  get size(): number {
    return this.length;
  }

  /** Called by the simulation only. Returns the new event's id. */
  append(time: number, kind: number, node: number, peer: number, sentAt: number, reason: number, data: unknown, cause: number): number {
    const id = this.length;
    const offset = id & CHUNK_MASK;
    let chunk = this.current;
    if (offset === 0 || chunk === undefined) {
      chunk = new Chunk(id === 0 ? FIRST_CHUNK_SIZE : CHUNK_SIZE);
      this.chunks.push(chunk);
      this.current = chunk;
    } else if (offset === chunk.capacity) {
      chunk = chunk.doubled();
      this.chunks[this.chunks.length - 1] = chunk;
      this.current = chunk;
    }
    chunk.time[offset] = time;
    chunk.kind[offset] = kind;
    chunk.node[offset] = node;
    chunk.peer[offset] = peer;
    chunk.sentAt[offset] = sentAt;
    chunk.reason[offset] = reason;
    chunk.cause[offset] = cause;
    chunk.data.push(data);
    this.length = id + 1;
    return id;
  }

  /** Called by the simulation only: the state of the node an event happened at, right after its handler. */
  keepState(id: number, state: unknown): void {
    this.states.set(id, state);
  }

  /** One event by id. */
  get(id: number): TraceEvent {
    this.check(id);
    return this.materialize(id);
  }

  /** Every event, or those with ids in [from, to). */
  events(from = 0, to = this.length): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let id = Math.max(0, from); id < Math.min(to, this.length); id++) out.push(this.materialize(id));
    return out;
  }

  /** The chain of causes ending at `id`, oldest first: what directly led to this event. */
  causeChain(id: number): TraceEvent[] {
    this.check(id);
    const ids: number[] = [];
    for (let at = id; at >= 0; at = this.causeOf(at)) ids.push(at);
    return ids.reverse().map((at) => this.materialize(at));
  }

  /**
   * Every event that happened-before `id` (Lamport): its causes and, at each endpoint involved, the
   * events that endpoint processed earlier. Oldest first, ending with `id` itself.
   */
  causalSlice(id: number): TraceEvent[] {
    this.check(id);
    // Program order is derived here rather than stored: slices are rare, events are many.
    const previous = new Int32Array(id + 1);
    const lastAt = new Map<number, number>();
    for (let at = 0; at <= id; at++) {
      const chunk = this.chunks[at >>> CHUNK_BITS] as Chunk;
      const offset = at & CHUNK_MASK;
      const node = chunk.node[offset] as number;
      // Drops happen to a message, not inside a process, so they stay out of program order.
      if (node < 0 || chunk.kind[offset] === TK.drop) {
        previous[at] = -1;
        continue;
      }
      previous[at] = lastAt.get(node) ?? -1;
      lastAt.set(node, at);
    }
    const seen = new Uint8Array(id + 1);
    const stack = [id];
    while (stack.length > 0) {
      const at = stack.pop() as number;
      if (at < 0 || seen[at] === 1) continue;
      seen[at] = 1;
      stack.push(this.causeOf(at), previous[at] as number);
    }
    const out: TraceEvent[] = [];
    for (let at = 0; at <= id; at++) if (seen[at] === 1) out.push(this.materialize(at));
    return out;
  }

  /** Plain data, ready for JSON.stringify or a space-time diagram. */
  toJSON(): { events: TraceEvent[] } {
    return { events: this.events() };
  }

  private check(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.length) {
      throw new RangeError(`trace: no event with id ${id} (the trace has ${this.length})`);
    }
  }

  private causeOf(id: number): number {
    return (this.chunks[id >>> CHUNK_BITS] as Chunk).cause[id & CHUNK_MASK] as number;
  }

  private materialize(id: number): TraceEvent {
    const chunk = this.chunks[id >>> CHUNK_BITS] as Chunk;
    const offset = id & CHUNK_MASK;
    const kind = TRACE_KINDS[chunk.kind[offset] as number] as TraceKind;
    const node = this.nameOf(chunk.node[offset] as number);
    const peer = this.nameOf(chunk.peer[offset] as number);
    const reason = chunk.reason[offset] as number;
    const stored = chunk.data[offset];
    const cause = chunk.cause[offset] as number;
    const event: { -readonly [K in keyof TraceEvent]: TraceEvent[K] } = {
      id,
      time: chunk.time[offset] as number,
      kind,
      summary: summarizeEvent(kind, stored, this.describeMessage, reason & ~15, peer ?? ''),
      cause: cause < 0 ? null : cause,
    };
    if (node !== undefined) event.node = node;
    if (kind === 'deliver' || kind === 'request' || kind === 'reply' || kind === 'drop') {
      if (peer !== undefined) event.from = peer;
      if (node !== undefined) event.to = node;
      event.sentAt = chunk.sentAt[offset] as number;
    } else if (kind === 'invoke' && peer !== undefined) {
      event.to = peer;
    }
    if (kind === 'drop') event.reason = reasonText(reason & 15, node ?? '?');
    const data = kind === 'timer' ? (stored as TimerRecord).payload : kind === 'action' ? undefined : stored;
    if (data !== undefined) event.data = data;
    if (this.states.has(id)) event.state = this.states.get(id);
    return event;
  }

  private nameOf(index: number): string | undefined {
    return index >= 0 ? this.names[index] : undefined;
  }
}

function reasonText(code: number, to: string): string {
  switch (code) {
    case DROP.partition: return 'partition';
    case DROP.loss: return 'loss';
    case DROP.down: return `${to} is down`;
    case DROP.oldIncarnation: return `sent to ${to}'s previous incarnation`;
    case DROP.notWaiting: return `${to} is not waiting for this reply`;
    default: return 'unknown';
  }
}

/**
 * The text part of a trace line for one event (see format.ts for the whole line). `data` is what the
 * trace stores: the message, request, reply, fault, a TimerRecord for timers, the label for actions.
 * `carried` says what a dropped message was; `peer` is the node an invocation went to.
 */
export function summarizeEvent(kind: TraceKind, data: unknown, describeMessage: (message: unknown) => string, carried = 0, peer = ''): string {
  switch (kind) {
    case 'deliver':
      return describeMessage(data);
    case 'request':
      return describeRequest(data as RequestLike);
    case 'invoke':
      return `invoke ${describeRequest(data as RequestLike)} on ${peer}`;
    case 'timeout':
      return `${describeRequest(data as RequestLike)}  timed out: unknown`;
    case 'reply':
      return describeReply(data as ReplyMessage);
    case 'drop':
      if (carried === CARRIED.request) return describeRequest(data as RequestLike);
      if (carried === CARRIED.reply) return describeReply(data as ReplyMessage);
      return describeMessage(data);
    case 'timer': {
      const timer = data as TimerRecord;
      return timer.payload === undefined ? `timer ${timer.name}` : `timer ${timer.name} ${describeMessage(timer.payload)}`;
    }
    case 'action':
      return `action: ${String(data)}`;
    case 'start':
      return 'started';
    case 'crash':
      return 'crashed';
    case 'restart':
      return `restarted (incarnation ${String(data)})`;
    case 'pause':
      return 'paused';
    case 'resume':
      return 'resumed';
    case 'clock-skew':
      return `clock skew ${signed((data as Fault & { kind: 'clock-skew' }).skewMs)}ms`;
    case 'heal':
      return 'network healed';
    default:
      return describeFault(data as Fault);
  }
}

interface RequestLike {
  readonly id: number;
  readonly f: string;
  readonly key?: string;
  readonly input?: unknown;
}

function describeRequest(request: RequestLike): string {
  let text = `op ${request.id} ${request.f}`;
  if (request.key !== undefined) text += ` ${request.key}`;
  if (request.input !== undefined) text += ` ${describeInput(request.input)}`;
  return text;
}

function describeReply(reply: ReplyMessage): string {
  if (!reply.ok) return `op ${reply.op} fail: ${reply.error}`;
  return reply.output === undefined ? `op ${reply.op} ok` : `op ${reply.op} ok: ${describeInput(reply.output)}`;
}

/** Inputs and outputs are quoted when they are text, so "1" and 1 read differently. */
function describeInput(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describeValue(value);
}
