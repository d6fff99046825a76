/**
 * A space-time diagram: one horizontal lane per node or client, time flowing left to right, messages as
 * arrows from the sender's lane at send time to the receiver's lane at delivery time. Dropped messages end
 * in an ✕, partitions and network faults are shaded bands, crashes and pauses are marked on their lane,
 * and client operations are bars from invocation to completion, labelled with their outcome.
 */
import type { TraceEvent } from '../sim/index.ts';
import type { Figure } from './figure.ts';
import { buildSpaceTimeModel, type Band, type MessageArrow, type SpaceTimeModel, type SpaceTimeOptions } from './space-time-model.ts';
import { describeSpaceTime, describeOperationShort, summarizeSpaceTime } from './space-time-text.ts';
import { linearScale, niceTicks, formatTick, type LinearScale } from './scale.ts';
import { arrowPath, classes, crossPath, el, num, svgDocument, text, tooltip } from './svg.ts';
import { FIGURE_STYLE } from './theme.ts';

export type { SpaceTimeOptions } from './space-time-model.ts';

const LANE_GAP = 64;
const RIGHT = 18;
const BAND_ROW = 16;
/** Rough width of one character at 12px, for fitting labels; exact metrics are not available at build time. */
const CHAR_WIDTH = 6.6;

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly x: LinearScale;
  readonly laneY: ReadonlyMap<string, number>;
  readonly top: number;
  readonly bottom: number;
  readonly bandRows: readonly number[];
}

export function spaceTimeDiagram(events: readonly TraceEvent[], options: SpaceTimeOptions = {}): Figure {
  const model = buildSpaceTimeModel(events, options);
  const layout = layoutFor(model, options.width ?? 720);
  const hidden = model.messages.length - model.drawn.length;
  const hiddenOperations = model.operations.length - model.drawnOperations.length;
  const notDrawn = [
    ...(hidden > 0 ? [`${hidden} more message${hidden === 1 ? '' : 's'}`] : []),
    ...(hiddenOperations > 0 ? [`${hiddenOperations} more operation${hiddenOperations === 1 ? '' : 's'}`] : []),
  ];
  const tag = options.eventIds === true ? (ids: readonly number[]) => ({ 'data-events': ids.join(' ') }) : () => ({});
  const body = [
    drawAxis(model, layout),
    drawBands(model, layout, tag),
    drawLanes(model, layout),
    drawOperations(model, layout, tag),
    ...model.drawn.map((message) => drawMessage(message, model, layout, tag)),
    drawMarks(model, layout, tag),
    notDrawn.length > 0
      ? el('text', { x: layout.width - RIGHT, y: layout.height - 6, 'text-anchor': 'end', class: 'note' }, text(`${notDrawn.join(' and ')} not drawn (see the description)`))
      : '',
  ].join('');
  return {
    svg: svgDocument({
      width: layout.width,
      height: layout.height,
      kind: 'space-time',
      ...(options.eventIds === true
        ? { data: { 'data-time-axis': [model.fromMs, model.toMs, layout.x.range[0], layout.x.range[1]].map(num).join(' ') } }
        : {}),
      title: model.title,
      description: summarizeSpaceTime(model),
      style: FIGURE_STYLE,
      body,
    }),
    title: model.title,
    alt: { kind: 'list', items: describeSpaceTime(model) },
  };
}

/** Data attributes for the ids of the events a shape draws (empty unless the figure is stepped through). */
type EventTag = (ids: readonly number[]) => Readonly<Record<string, string>>;

function layoutFor(model: SpaceTimeModel, width: number): Layout {
  const longestLane = Math.max(1, ...model.lanes.map((lane) => lane.id.length));
  const left = Math.min(150, Math.max(48, 20 + longestLane * 7.5));
  const bandRows = stackBands(model.bands);
  const rowCount = bandRows.length === 0 ? 0 : Math.max(...bandRows) + 1;
  // Client lanes carry operation bars and their labels above the line.
  const firstLaneIsClient = model.lanes[0]?.kind === 'client';
  const top = 14 + rowCount * BAND_ROW + (firstLaneIsClient ? 34 : 14);
  const laneY = new Map(model.lanes.map((lane, index) => [lane.id, top + index * LANE_GAP] as const));
  // Room below the last lane for two rows of mark labels.
  const bottom = top + Math.max(0, model.lanes.length - 1) * LANE_GAP + 32;
  const notes = model.messages.length > model.drawn.length || model.operations.length > model.drawnOperations.length ? 18 : 0;
  return {
    width,
    height: bottom + 44 + notes,
    x: linearScale([model.fromMs, model.toMs], [left, width - RIGHT]),
    laneY,
    top,
    bottom,
    bandRows,
  };
}

/** Label rows for bands, so overlapping bands' labels do not print over each other. */
function stackBands(bands: readonly Band[]): number[] {
  const rowEnds: number[] = [];
  return bands.map((band) => {
    let row = rowEnds.findIndex((end) => end < band.from);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = band.to;
    return row;
  });
}

function drawAxis(model: SpaceTimeModel, layout: Layout): string {
  const { x, bottom } = layout;
  const axisY = bottom + 8;
  // Virtual time is whole milliseconds, so ticks are too.
  const ticks = niceTicks(model.fromMs, model.toMs, Math.max(3, Math.floor(layout.width / 90)), 1);
  const parts = [el('line', { class: 'axis', x1: x.range[0], x2: x.range[1], y1: axisY, y2: axisY })];
  for (const tick of ticks) {
    const tx = x(tick);
    parts.push(
      el('line', { class: 'grid', x1: tx, x2: tx, y1: layout.top - 10, y2: axisY }),
      el('line', { class: 'tick', x1: tx, x2: tx, y1: axisY, y2: axisY + 4 }),
      el('text', { x: tx, y: axisY + 16, 'text-anchor': 'middle', class: 'label-small' }, text(formatTick(tick))),
    );
  }
  parts.push(el('text', { x: x.range[1], y: axisY + 32, 'text-anchor': 'end', class: 'label-small' }, text('virtual time (ms) →')));
  return el('g', { class: 'time-axis' }, ...parts);
}

function drawBands(model: SpaceTimeModel, layout: Layout, tag: EventTag): string {
  const { x } = layout;
  const [minX, maxX] = x.range;
  return model.bands
    .map((band, index) => {
      const x1 = Math.max(minX, x(band.from));
      const x2 = Math.min(maxX, x(band.to));
      const row = layout.bandRows[index] ?? 0;
      const labelY = 14 + row * BAND_ROW + 8;
      const label = band.open ? `${band.label} (not healed)` : band.label;
      const fitsRight = x1 + 4 + label.length * CHAR_WIDTH <= layout.width - 4;
      const dim = model.highlighting ? 'dim' : undefined;
      return el(
        'g',
        { class: classes(`band band--${band.kind}`, dim), ...tag([band.eventId]) },
        el('rect', { class: `band-${band.kind}`, x: x1, y: labelY + 4, width: Math.max(1, x2 - x1), height: layout.bottom - labelY - 4 }),
        band.kind === 'partition' ? el('line', { class: 'band-edge', x1, x2: x1, y1: labelY + 4, y2: layout.bottom }) : '',
        el('text', { x: fitsRight ? x1 + 4 : layout.width - 4, y: labelY, 'text-anchor': fitsRight ? 'start' : 'end', class: `band-label-${band.kind} halo` }, text(label)),
        tooltip(`${band.label}: ${band.from}–${band.open ? 'end' : band.to} ms`),
      );
    })
    .join('');
}

function drawLanes(model: SpaceTimeModel, layout: Layout): string {
  const { x } = layout;
  return model.lanes
    .map((lane) => {
      const y = layout.laneY.get(lane.id) as number;
      const down = model.down.filter((interval) => interval.lane === lane.id);
      const paused = model.paused.filter((interval) => interval.lane === lane.id);
      const segments: string[] = [];
      let from = model.fromMs;
      for (const interval of down) {
        if (interval.from > from) segments.push(el('line', { class: 'lane', x1: x(from), x2: x(interval.from), y1: y, y2: y }));
        segments.push(el('line', { class: 'lane-down', x1: x(Math.max(model.fromMs, interval.from)), x2: x(Math.min(model.toMs, interval.to)), y1: y, y2: y }));
        from = Math.max(from, interval.to);
      }
      if (from < model.toMs) segments.push(el('line', { class: 'lane', x1: x(from), x2: x(model.toMs), y1: y, y2: y }));
      for (const interval of paused) {
        segments.push(el('line', { class: 'lane-paused', x1: x(Math.max(model.fromMs, interval.from)), x2: x(Math.min(model.toMs, interval.to)), y1: y, y2: y }));
      }
      return el(
        'g',
        { class: `lane-group lane--${lane.kind}`, 'data-lane': lane.id },
        // Far enough left that a mark ringed at the window's first instant does not cover the name.
        el('text', { x: x.range[0] - 14, y: y + 4, 'text-anchor': 'end', class: 'label-strong' }, text(lane.id)),
        lane.kind === 'client' ? el('text', { x: x.range[0] - 14, y: y + 17, 'text-anchor': 'end', class: 'label-small' }, text('client')) : '',
        ...segments,
      );
    })
    .join('');
}

function drawOperations(model: SpaceTimeModel, layout: Layout, tag: EventTag): string {
  const { x } = layout;
  // Where the next operation on the same lane starts: a label may run on past its bar, but not into it.
  const nextStart = new Map<number, number>();
  const lastOnLane = new Map<string, number>();
  model.drawnOperations.forEach(({ operation }, index) => {
    const previous = lastOnLane.get(operation.client);
    if (previous !== undefined) nextStart.set(previous, operation.invokedAt);
    lastOnLane.set(operation.client, index);
  });
  return model.drawnOperations
    .map(({ operation, eventIds, highlighted }, index) => {
      const y = layout.laneY.get(operation.client) as number;
      const x1 = Math.max(x.range[0], x(operation.invokedAt));
      const x2 = Math.min(x.range[1], x(operation.completedAt ?? model.toMs));
      const label = describeOperationShort(operation);
      const next = nextStart.get(index);
      const room = (next === undefined ? layout.width - 4 : x(next) - 6) - x1;
      // The last label on a lane may instead end at the figure's right edge.
      const alignRight = next === undefined && label.length * CHAR_WIDTH > room;
      const shown = truncate(label, room);
      const dim = model.highlighting && !highlighted ? 'dim' : undefined;
      return el(
        'g',
        { class: classes('op-group', dim, highlighted && 'hl'), ...tag(eventIds) },
        el('rect', { class: `op op-${operation.outcome}`, x: x1, y: y - 17, width: Math.max(3, x2 - x1), height: 10, rx: 2 }),
        alignRight
          ? el('text', { x: layout.width - 4, y: y - 22, 'text-anchor': 'end', class: 'label-small halo' }, text(truncate(label, layout.width - 8 - x.range[0])))
          : shown === ''
            ? ''
            : el('text', { x: x1, y: y - 22, class: 'label-small halo' }, text(shown)),
        tooltip(`${label}: invoked at ${operation.invokedAt} ms, ${operation.completedAt === undefined ? 'still pending' : `${operation.outcome} at ${operation.completedAt} ms`}`),
      );
    })
    .join('');
}

/**
 * Cuts a label to the room it has (estimated), ending in an ellipsis; the tooltip and the description keep
 * the full text. Below six characters a stub says nothing, so there is no label at all.
 */
function truncate(label: string, room: number): string {
  const fits = Math.floor(room / CHAR_WIDTH);
  if (label.length <= fits) return label;
  return fits < 6 ? '' : `${label.slice(0, fits - 1)}…`;
}

function drawMessage(message: MessageArrow, model: SpaceTimeModel, layout: Layout, tag: EventTag): string {
  const { x } = layout;
  const y1 = layout.laneY.get(message.from) as number;
  const y2 = layout.laneY.get(message.to) as number;
  const x1 = x(message.sentAt);
  const dim = model.highlighting && !message.highlighted ? 'dim' : undefined;
  const kindClass = classes('msg', message.client && 'msg-client', message.highlighted && 'hl');
  const timing = message.at === message.sentAt ? `${message.sentAt} ms` : `${message.sentAt}→${message.at} ms`;

  if (message.dropped !== undefined) {
    // A message lost on the way stops partway, at 60% of the way to the receiver; one the receiver refused
    // (it was down, had restarted, or was not waiting) reaches its lane and ends there. Never earlier than sent.
    const xEnd = Math.max(x(message.at), x1 + 10);
    const yEnd = message.refused === true ? y2 : y1 + (y2 - y1) * 0.6;
    return el(
      'g',
      { class: classes('message message--dropped', dim), ...tag([message.id]) },
      el('path', { class: classes(kindClass, 'msg-drop'), d: `M${num(x1)} ${num(y1)}L${num(xEnd)} ${num(yEnd)}` }),
      el('path', { class: 'drop-mark', d: crossPath(xEnd, yEnd) }),
      model.messageLabels && !message.client ? messageLabel(message.summary, (x1 + xEnd) / 2, (y1 + yEnd) / 2, yEnd < y1, layout) : '',
      tooltip(`${timing}: ${message.from} → ${message.to} ${message.summary} — dropped: ${message.dropped}`),
    );
  }
  const x2 = x(message.at);
  const arrow = arrowPath(x1, y1, x2, y2);
  return el(
    'g',
    { class: classes('message', dim), ...tag([message.id]) },
    el('path', { class: kindClass, d: arrow.line }),
    el('path', { class: classes('msg-head', message.client && 'msg-client'), d: arrow.head }),
    // Requests and replies are told by their operation's bar; labelling them too would say it twice.
    model.messageLabels && !message.client ? messageLabel(message.summary, (x1 + x2) / 2, (y1 + y2) / 2, y2 < y1, layout) : '',
    tooltip(`${timing}: ${message.from} → ${message.to} ${message.summary}`),
  );
}

/**
 * Beside the arrow's middle, on the side the arrow leaves free: above for an arrow going down to the
 * right, below for one going up. Left of the middle when the text would run off the figure.
 */
function messageLabel(summary: string, cx: number, cy: number, upward: boolean, layout: Layout): string {
  const fitsRight = cx + 4 + summary.length * CHAR_WIDTH <= layout.width - 4;
  const below = upward === fitsRight;
  return el('text', { x: fitsRight ? cx + 4 : cx - 4, y: below ? cy + 12 : cy - 3, 'text-anchor': fitsRight ? 'start' : 'end', class: 'label-small halo' }, text(summary));
}

/** Mark labels sit below their lane in up to two rows; a label that fits neither is left to the tooltip. */
const MARK_LABEL_ROWS = 2;
const MARK_CHAR_WIDTH = 7.2;

function drawMarks(model: SpaceTimeModel, layout: Layout, tag: EventTag): string {
  const { x } = layout;
  const rowEnds = new Map<string, number[]>();
  return model.marks
    .map((mark) => {
      const cx = x(mark.at);
      const cy = layout.laneY.get(mark.lane) as number;
      const half = (mark.label.length * MARK_CHAR_WIDTH) / 2;
      const ends = rowEnds.get(mark.lane) ?? [];
      rowEnds.set(mark.lane, ends);
      let row = 0;
      while (row < MARK_LABEL_ROWS && (ends[row] ?? Number.NEGATIVE_INFINITY) > cx - half - 4) row++;
      if (row < MARK_LABEL_ROWS) ends[row] = cx + half;
      const dim = model.highlighting && !mark.highlighted ? 'dim' : undefined;
      let shape: string;
      switch (mark.kind) {
        case 'crash':
          shape = el('path', { class: 'mark-crash', d: crossPath(cx, cy, 6) });
          break;
        case 'restart':
          shape = el('circle', { class: 'mark-restart', cx, cy, r: 5 });
          break;
        case 'pause':
        case 'resume':
          shape = el('rect', { class: 'mark-pause', x: cx - 2, y: cy - 6, width: 4, height: 12 });
          break;
        default:
          shape = el('circle', { class: 'mark-local', cx, cy, r: 3.5 });
      }
      const labelClass = mark.kind === 'crash' ? 'mark-label-crash' : mark.kind === 'restart' ? 'mark-label-restart' : mark.kind === 'local' ? 'label-small' : 'mark-label-pause';
      return el(
        'g',
        { class: classes(`mark mark--${mark.kind}`, dim, mark.highlighted && 'hl'), ...tag([mark.eventId]) },
        mark.highlighted ? el('circle', { class: 'hl-ring', cx, cy, r: 9 }) : '',
        shape,
        // Below the lane: above it belongs to operation bars and message labels.
        row < MARK_LABEL_ROWS ? el('text', { x: cx, y: cy + 22 + row * 13, 'text-anchor': 'middle', class: `${labelClass} halo` }, text(mark.label)) : '',
        tooltip(`${mark.at} ms: ${mark.lane} ${mark.label}`),
      );
    })
    .join('');
}
