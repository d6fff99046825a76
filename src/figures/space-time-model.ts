/**
 * Turns trace events (and optionally a client history) into what a space-time diagram shows: lanes,
 * messages, fault bands, down and paused stretches, marks and client operations, already cut to a time
 * window and a set of lanes. Drawing (space-time.ts) and describing (space-time-text.ts) both read this
 * model, so the picture and its text alternative cannot disagree.
 */
import type { History, Operation, TraceEvent } from '../sim/index.ts';
import { niceStep } from './scale.ts';

export interface SpaceTimeOptions {
  /** The figure's accessible name. */
  readonly title?: string;
  /** Client operations to draw as bars; by default they are read from the trace (invoke → reply or timeout). */
  readonly history?: History;
  /** The time window to draw, in virtual ms (default: the whole trace). */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Which endpoints get a lane, top to bottom (default: clients, then nodes, in order of appearance). */
  readonly lanes?: readonly string[];
  /** At most this many messages are drawn (highlighted ones first); the rest are counted (default 120). */
  readonly maxMessages?: number;
  /** At most this many client operations are drawn and listed (highlighted first); the rest are counted (default 60). */
  readonly maxOperations?: number;
  /** Event ids to emphasise, e.g. `trace.causalSlice(id).map((e) => e.id)`; everything else is dimmed. */
  readonly highlight?: Iterable<number>;
  /**
   * Print each message's summary next to its arrow (default: only when at most 12 messages are drawn).
   * Client requests and replies are never labelled: their operation's bar already says what they carry.
   */
  readonly messageLabels?: boolean;
  /** The width the figure is laid out for, in CSS pixels (default 720, a lesson's text column). */
  readonly width?: number;
  /**
   * Tag each drawn message, mark and operation with the trace ids of its events (`data-events`), and the
   * figure with its time axis (`data-time-axis`: from ms, to ms, left x, right x), for a page that moves a
   * cursor over the events (the results' run view). Off for lesson figures, which nothing steps through.
   */
  readonly eventIds?: boolean;
}

export interface Lane {
  readonly id: string;
  readonly kind: 'node' | 'client';
}

export interface MessageArrow {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly sentAt: number;
  readonly at: number;
  readonly summary: string;
  /** Between a client and a node (requests and replies) rather than between nodes. */
  readonly client: boolean;
  /** Why it was dropped; absent for delivered messages. */
  readonly dropped?: string;
  /** Dropped by the receiver as it arrived (down, restarted since, not waiting), not lost on the way. */
  readonly refused?: boolean;
  readonly highlighted: boolean;
}

/** The drop reasons (src/sim/trace.ts) of a message that never reached its receiver. */
const LOST_ON_THE_WAY: ReadonlySet<string> = new Set(['loss', 'partition']);

export interface Band {
  readonly kind: 'partition' | 'network';
  readonly from: number;
  readonly to: number;
  /** Still in force when the window ends. */
  readonly open: boolean;
  readonly label: string;
  readonly eventId: number;
}

export interface Interval {
  readonly lane: string;
  readonly from: number;
  readonly to: number;
}

export type MarkKind = 'crash' | 'restart' | 'pause' | 'resume' | 'clock-skew' | 'local';

export interface Mark {
  readonly lane: string;
  readonly at: number;
  readonly kind: MarkKind;
  readonly label: string;
  readonly eventId: number;
  readonly highlighted: boolean;
}

export interface OperationBar {
  readonly operation: Operation;
  /** The trace ids of its invocation and of the reply or timeout that ended it, where the trace has them. */
  readonly eventIds: readonly number[];
  /** The node the operation went to, when the trace says. */
  readonly node?: string;
  readonly highlighted: boolean;
}

export interface SpaceTimeModel {
  readonly title: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly lanes: readonly Lane[];
  /** Every message in view (between two shown lanes, overlapping the window), in trace order. */
  readonly messages: readonly MessageArrow[];
  /** The messages to draw: highlighted first, then in trace order, up to the cap. */
  readonly drawn: readonly MessageArrow[];
  readonly bands: readonly Band[];
  readonly down: readonly Interval[];
  readonly paused: readonly Interval[];
  readonly marks: readonly Mark[];
  /** Every client operation in view. */
  readonly operations: readonly OperationBar[];
  /** The operations to draw and list: highlighted first, then by id, up to the cap. */
  readonly drawnOperations: readonly OperationBar[];
  readonly highlighting: boolean;
  readonly messageLabels: boolean;
}

const DEFAULT_MAX_MESSAGES = 120;
const DEFAULT_MAX_OPERATIONS = 60;
const LABEL_MESSAGES_UP_TO = 12;
const MESSAGE_KINDS = new Set(['deliver', 'request', 'reply', 'drop']);

export function buildSpaceTimeModel(events: readonly TraceEvent[], options: SpaceTimeOptions = {}): SpaceTimeModel {
  const highlight = new Set(options.highlight ?? []);
  const clients = clientIds(events, options.history);
  const laneIds = options.lanes ?? defaultLaneOrder(events, clients);
  const lanes = laneIds.map((id): Lane => ({ id, kind: clients.has(id) ? 'client' : 'node' }));
  const shown = new Set(laneIds);

  const operations = options.history ?? operationsFromTrace(events);
  // Loops, not Math.max(...spread): a long trace has more events than a call may take arguments.
  let firstTime = Number.POSITIVE_INFINITY;
  let lastTime = 0;
  for (const event of events) {
    firstTime = Math.min(firstTime, event.time);
    lastTime = Math.max(lastTime, event.time);
  }
  for (const op of operations) lastTime = Math.max(lastTime, op.completedAt ?? op.invokedAt);
  const fromMs = options.fromMs ?? Math.min(firstTime, lastTime);
  // By default the window ends on the next round time, so the last events do not sit on the edge.
  const step = niceStep(lastTime - fromMs, 8);
  const toMs = Math.max(fromMs + 1, options.toMs ?? Math.ceil(lastTime / step) * step);
  const overlaps = (from: number, to: number) => to >= fromMs && from <= toMs;
  // A stretch that ends exactly where the window starts (a partition healed at fromMs) is not in view.
  const within = (from: number, to: number) => to > fromMs && from < toMs;

  const messages: MessageArrow[] = [];
  for (const event of events) {
    if (!MESSAGE_KINDS.has(event.kind) || event.from === undefined || event.to === undefined) continue;
    if (!shown.has(event.from) || !shown.has(event.to)) continue;
    const sentAt = event.sentAt ?? event.time;
    if (!overlaps(sentAt, event.time)) continue;
    messages.push({
      id: event.id,
      from: event.from,
      to: event.to,
      sentAt,
      at: event.time,
      summary: event.summary,
      client: clients.has(event.from) || clients.has(event.to),
      ...(event.kind === 'drop'
        ? { dropped: event.reason ?? 'unknown', refused: event.reason !== undefined && !LOST_ON_THE_WAY.has(event.reason) }
        : {}),
      highlighted: highlight.has(event.id),
    });
  }
  const drawn = highlightedFirst(messages, options.maxMessages ?? DEFAULT_MAX_MESSAGES, (m) => m.highlighted, (m) => m.id);

  const invokeEvents = new Map<number, TraceEvent>();
  for (const event of events) if (event.kind === 'invoke') invokeEvents.set((event.data as { id: number }).id, event);
  const completionEvents = new Map<number, number>();
  for (const event of events) {
    if (event.kind === 'reply' && clients.has(event.to ?? '')) completionEvents.set((event.data as { op: number }).op, event.id);
    if (event.kind === 'timeout') completionEvents.set((event.data as { id: number }).id, event.id);
  }

  const bars = operations
    .filter((op) => shown.has(op.client) && overlaps(op.invokedAt, op.completedAt ?? toMs))
    .map((operation): OperationBar => {
      const invoke = invokeEvents.get(operation.id);
      const ids = [invoke?.id, completionEvents.get(operation.id)];
      return {
        operation,
        eventIds: ids.filter((id): id is number => id !== undefined),
        ...(invoke?.to === undefined ? {} : { node: invoke.to }),
        highlighted: ids.some((id) => id !== undefined && highlight.has(id)),
      };
    });

  return {
    title: options.title ?? 'Space-time diagram',
    fromMs,
    toMs,
    lanes,
    messages,
    drawn,
    bands: faultBands(events, toMs).filter((band) => within(band.from, band.to)),
    down: intervals(events, 'crash', 'restart', toMs).filter((i) => shown.has(i.lane) && within(i.from, i.to)),
    paused: intervals(events, 'pause', 'resume', toMs).filter((i) => shown.has(i.lane) && within(i.from, i.to)),
    marks: marks(events, highlight).filter((mark) => shown.has(mark.lane) && mark.at >= fromMs && mark.at <= toMs),
    operations: bars,
    drawnOperations: highlightedFirst(bars, options.maxOperations ?? DEFAULT_MAX_OPERATIONS, (bar) => bar.highlighted, (bar) => bar.operation.id),
    highlighting: highlight.size > 0,
    messageLabels: options.messageLabels ?? drawn.length <= LABEL_MESSAGES_UP_TO,
  };
}

/** Up to `cap` items, highlighted ones first, returned in their original order (by `order`). */
function highlightedFirst<T>(items: readonly T[], cap: number, highlighted: (item: T) => boolean, order: (item: T) => number): T[] {
  return [...items.filter(highlighted), ...items.filter((item) => !highlighted(item))]
    .slice(0, Math.max(0, cap))
    .sort((a, b) => order(a) - order(b));
}

/** Endpoints that act as clients: they invoke operations (seen in the trace or the history). */
function clientIds(events: readonly TraceEvent[], history: History | undefined): Set<string> {
  const ids = new Set<string>();
  for (const event of events) if ((event.kind === 'invoke' || event.kind === 'timeout') && event.node !== undefined) ids.add(event.node);
  for (const op of history ?? []) ids.add(op.client);
  return ids;
}

/** Clients on top (requests flow down into the system), then nodes, each in order of first appearance. */
function defaultLaneOrder(events: readonly TraceEvent[], clients: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  for (const event of events) {
    for (const id of [event.node, event.from, event.to]) if (id !== undefined) seen.add(id);
  }
  for (const id of clients) seen.add(id);
  const all = [...seen];
  return [...all.filter((id) => clients.has(id)), ...all.filter((id) => !clients.has(id))];
}

/** Operations as a client history would record them, read from invoke, reply and timeout events. */
export function operationsFromTrace(events: readonly TraceEvent[]): Operation[] {
  interface Request { id: number; client: string; f: string; key?: string; input?: unknown }
  interface Reply { op: number; ok: boolean; output?: unknown; error?: string }
  const byId = new Map<number, Operation>();
  for (const event of events) {
    if (event.kind === 'invoke') {
      const request = event.data as Request;
      byId.set(request.id, {
        id: request.id,
        client: request.client,
        f: request.f,
        ...(request.key === undefined ? {} : { key: request.key }),
        input: request.input,
        invokedAt: event.time,
        outcome: 'pending',
      });
    } else if (event.kind === 'reply' || event.kind === 'timeout') {
      const opId = event.kind === 'reply' ? (event.data as Reply).op : (event.data as Request).id;
      const pending = byId.get(opId);
      if (pending === undefined || pending.outcome !== 'pending' || event.node !== pending.client) continue;
      if (event.kind === 'timeout') {
        byId.set(opId, { ...pending, outcome: 'unknown', completedAt: event.time });
      } else {
        const reply = event.data as Reply;
        byId.set(opId, reply.ok
          ? { ...pending, outcome: 'ok', output: reply.output, completedAt: event.time }
          : { ...pending, outcome: 'fail', completedAt: event.time, ...(reply.error === undefined ? {} : { error: reply.error }) });
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Partitions last until the next heal; loss bursts and latency spikes for their stated duration. */
function faultBands(events: readonly TraceEvent[], endMs: number): Band[] {
  const bands: Band[] = [];
  let open: TraceEvent[] = [];
  const close = (at: number, stillOpen: boolean) => {
    for (const event of open) bands.push({ kind: 'partition', from: event.time, to: at, open: stillOpen, label: event.summary, eventId: event.id });
    open = [];
  };
  for (const event of events) {
    if (event.kind === 'partition' || event.kind === 'partition-one-way') open.push(event);
    else if (event.kind === 'heal') close(event.time, false);
    else if (event.kind === 'loss-burst' || event.kind === 'latency-spike') {
      const durationMs = (event.data as { durationMs: number }).durationMs;
      bands.push({ kind: 'network', from: event.time, to: event.time + durationMs, open: event.time + durationMs > endMs, label: event.summary, eventId: event.id });
    }
  }
  close(endMs, true);
  return bands.sort((a, b) => a.from - b.from || a.eventId - b.eventId);
}

/** Stretches between an opening event (crash, pause) and its closing one (restart, resume) on each lane. */
function intervals(events: readonly TraceEvent[], opening: string, closing: string, endMs: number): Interval[] {
  const result: Interval[] = [];
  const openSince = new Map<string, number>();
  for (const event of events) {
    if (event.node === undefined) continue;
    if (event.kind === opening && !openSince.has(event.node)) openSince.set(event.node, event.time);
    else if (event.kind === closing || (opening === 'pause' && event.kind === 'crash')) {
      // A crash ends a pause too: the paused process is gone.
      const since = openSince.get(event.node);
      if (since !== undefined) result.push({ lane: event.node, from: since, to: event.time });
      openSince.delete(event.node);
    }
  }
  for (const [lane, since] of openSince) result.push({ lane, from: since, to: endMs });
  return result;
}

const MARK_KINDS = new Set<string>(['crash', 'restart', 'pause', 'resume', 'clock-skew']);

function marks(events: readonly TraceEvent[], highlight: ReadonlySet<number>): Mark[] {
  const result: Mark[] = [];
  for (const event of events) {
    if (event.node === undefined) continue;
    const highlighted = highlight.has(event.id);
    if (MARK_KINDS.has(event.kind)) {
      const label = event.kind === 'clock-skew' ? event.summary.replace(/^clock /, '') : event.kind;
      result.push({ lane: event.node, at: event.time, kind: event.kind as MarkKind, label, eventId: event.id, highlighted });
    } else if (highlighted && (event.kind === 'timer' || event.kind === 'start')) {
      // Local steps are noise in general, but part of the story when they are in a highlighted slice.
      result.push({ lane: event.node, at: event.time, kind: 'local', label: event.summary, eventId: event.id, highlighted });
    }
  }
  return result;
}
