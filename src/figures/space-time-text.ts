/**
 * The words for a space-time diagram: a one-sentence summary (the SVG's <desc>) and a short list of what
 * happens, in time order (the "Describe this figure" text). Read from the same model as the drawing.
 * Repetitive traffic is grouped (drops between two faults, deliveries per link) so the list stays short.
 */
import { describeValue, type Operation } from '../sim/index.ts';
import type { MarkKind, MessageArrow, SpaceTimeModel } from './space-time-model.ts';

/** Up to this many messages in view, each gets its own line; beyond it, traffic is grouped. */
const LIST_EACH_MESSAGE_UP_TO = 12;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Text is quoted, like the trace does, so "1" and 1 read differently. */
function describeData(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describeValue(value);
}

/** "read x 3", the operation as a client wrote it. */
function describeCall(operation: Operation): string {
  const parts = [operation.f];
  if (operation.key !== undefined) parts.push(operation.key);
  if (operation.input !== undefined) parts.push(describeData(operation.input));
  return parts.join(' ');
}

/** "ok 1", "fail: not the leader", "unknown", "pending". */
function describeOutcome(operation: Operation): string {
  switch (operation.outcome) {
    case 'ok':
      return operation.output === undefined ? 'ok' : `ok ${describeData(operation.output)}`;
    case 'fail':
      return operation.error === undefined ? 'fail' : `fail: ${operation.error}`;
    default:
      return operation.outcome;
  }
}

/** The label drawn on an operation bar: "read x → ok 1". */
export function describeOperationShort(operation: Operation): string {
  return `${describeCall(operation)} → ${describeOutcome(operation)}`;
}

export function summarizeSpaceTime(model: SpaceTimeModel): string {
  const delivered = model.messages.filter((m) => m.dropped === undefined).length;
  const dropped = model.messages.length - delivered;
  const partitions = model.bands.filter((band) => band.kind === 'partition').length;
  const crashes = model.marks.filter((mark) => mark.kind === 'crash').length;
  const facts = [
    `${plural(delivered, 'message')} delivered`,
    `${dropped} dropped`,
    ...(partitions > 0 ? [plural(partitions, 'partition')] : []),
    ...(crashes > 0 ? [`${crashes} ${crashes === 1 ? 'crash' : 'crashes'}`] : []),
    ...(model.operations.length > 0 ? [plural(model.operations.length, 'client operation')] : []),
  ];
  return `Space-time diagram of ${model.lanes.map((lane) => lane.id).join(', ')} from ${model.fromMs} ms to ${model.toMs} ms: ${facts.join(', ')}.`;
}

const MARK_VERBS: Readonly<Record<MarkKind, (label: string) => string>> = {
  crash: () => 'crashes',
  restart: () => 'restarts',
  pause: () => 'pauses',
  resume: () => 'resumes',
  'clock-skew': (label) => `has its ${label}`,
  local: (label) => label,
};

interface Line {
  readonly at: number;
  readonly order: number;
  text: string;
}

export function describeSpaceTime(model: SpaceTimeModel): string[] {
  const lanes = model.lanes.map((lane) => (lane.kind === 'client' ? `${lane.id} (client)` : lane.id)).join(', ');
  const intro = `Lanes from top to bottom: ${lanes}. Time runs left to right from ${model.fromMs} ms to ${model.toMs} ms.`;
  const lines: Line[] = [];
  const add = (at: number, order: number, line: string) => lines.push({ at, order, text: line });

  for (const band of model.bands) {
    const end = band.open ? 'still in force at the end' : `until ${band.to} ms`;
    add(band.from, band.eventId, `${band.from} ms: ${band.label} (${end}).`);
    if (band.kind === 'partition' && !band.open) add(band.to, band.eventId, `${band.to} ms: the network heals.`);
  }
  for (const mark of model.marks) {
    add(mark.at, mark.eventId, `${mark.at} ms: ${mark.lane} ${MARK_VERBS[mark.kind](mark.label)}${mark.highlighted ? ' (highlighted)' : ''}.`);
  }
  for (const { operation, node, highlighted } of model.drawnOperations) {
    const target = node === undefined ? '' : ` on ${node}`;
    const end = operation.completedAt === undefined ? 'still pending at the end' : `${describeOutcome(operation)} at ${operation.completedAt} ms`;
    add(operation.invokedAt, -1, `${operation.invokedAt} ms: ${operation.client} invokes ${describeCall(operation)}${target}; ${end}${highlighted ? ' (highlighted)' : ''}.`);
  }

  const listEach = model.messages.length <= LIST_EACH_MESSAGE_UP_TO;
  for (const message of model.messages) {
    if (listEach || message.highlighted) add(message.sentAt, message.id, describeMessage(message));
  }
  if (!listEach) addGroupedDrops(model, lines);

  lines.sort((a, b) => a.at - b.at || a.order - b.order);
  const totals = listEach ? [] : linkTotals(model.messages);
  const first = model.highlighting ? ', highlighted ones first' : '';
  const drawnNotes = [
    ...(model.drawn.length < model.messages.length ? [`The figure draws ${model.drawn.length} of the ${model.messages.length} messages${first}.`] : []),
    ...(model.drawnOperations.length < model.operations.length
      ? [`The figure draws and lists ${model.drawnOperations.length} of the ${model.operations.length} client operations${first}; ${outcomeCounts(model)}.`]
      : []),
  ];
  return [intro, ...lines.map((line) => line.text), ...totals, ...drawnNotes];
}

/** "in all: 50 ok, 3 fail, 2 unknown" over every operation in view. */
function outcomeCounts(model: SpaceTimeModel): string {
  const counts = new Map<string, number>();
  for (const { operation } of model.operations) counts.set(operation.outcome, (counts.get(operation.outcome) ?? 0) + 1);
  return `in all: ${[...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}`;
}

function describeMessage(message: MessageArrow): string {
  const timing = message.dropped !== undefined ? `${message.sentAt} ms` : `${message.sentAt}–${message.at} ms`;
  const fate = message.dropped !== undefined ? `, dropped (${message.dropped})` : '';
  return `${timing}: ${message.from} → ${message.to}: ${message.summary}${fate}${message.highlighted ? ' (highlighted)' : ''}.`;
}

/**
 * Drops are grouped per link and reason, between one fault-or-operation line and the next, so "a partition
 * dropped 10 heartbeats from A to B" reads as one line, not ten.
 */
function addGroupedDrops(model: SpaceTimeModel, lines: Line[]): void {
  const boundaries = [...new Set(lines.map((line) => line.at))].sort((a, b) => a - b);
  const groups = new Map<string, { first: MessageArrow; last: MessageArrow; count: number }>();
  for (const message of model.messages) {
    if (message.dropped === undefined || message.highlighted) continue;
    const era = boundaries.filter((at) => at <= message.sentAt).length;
    const key = `${era}\u0000${message.from}\u0000${message.to}\u0000${message.dropped}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { first: message, last: message, count: 1 });
    else {
      group.last = message;
      group.count++;
    }
  }
  for (const { first, last, count } of groups.values()) {
    const span = first.sentAt === last.sentAt ? `${first.sentAt} ms` : `${first.sentAt}–${last.sentAt} ms`;
    const example = count === 1 ? first.summary : `first: ${first.summary}`;
    lines.push({ at: first.sentAt, order: first.id, text: `${span}: ${plural(count, 'message')} ${first.from} → ${first.to} dropped (${first.dropped}); ${example}.` });
  }
}

/** One line per link: how many messages were delivered (and how long they took) and how many dropped. */
function linkTotals(messages: readonly MessageArrow[]): string[] {
  const links = new Map<string, { from: string; to: string; delivered: number; dropped: number; min: number; max: number }>();
  for (const message of messages) {
    const key = `${message.from}\u0000${message.to}`;
    let link = links.get(key);
    if (link === undefined) {
      link = { from: message.from, to: message.to, delivered: 0, dropped: 0, min: Number.POSITIVE_INFINITY, max: 0 };
      links.set(key, link);
    }
    if (message.dropped !== undefined) link.dropped++;
    else {
      link.delivered++;
      link.min = Math.min(link.min, message.at - message.sentAt);
      link.max = Math.max(link.max, message.at - message.sentAt);
    }
  }
  return [...links.values()].map((link) => {
    const flight = link.delivered === 0 ? '' : link.min === link.max ? `, ${link.min} ms in flight` : `, ${link.min}–${link.max} ms in flight`;
    return `In total ${link.from} → ${link.to}: ${link.delivered} delivered${flight}; ${link.dropped} dropped.`;
  });
}
