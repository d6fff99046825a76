/**
 * What line plots, bar charts and histograms share: the plot area, value axes with nice ticks and grid
 * lines, axis titles, reference lines, a legend, and input checks that name the offending field.
 */
import { formatTick, niceDomain, niceTicks, type LinearScale } from './scale.ts';
import { seriesStyle, type MarkerShape } from './theme.ts';
import { el, num, text } from './svg.ts';

export interface Axis {
  /** The axis title, with its unit: "utilisation (%)", "p99 latency (ms)". */
  readonly label: string;
  /** The axis range; by default it is widened from the data to nice round ticks. */
  readonly min?: number;
  readonly max?: number;
}

/** A dashed line across the plot at a value, e.g. an SLO or a detection threshold. */
export interface ReferenceLine {
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly label: string;
}

export interface ChartSize {
  /** The width the chart is laid out for, in CSS pixels (default 720). */
  readonly width?: number;
  /** Default 340. */
  readonly height?: number;
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const LEGEND_ROW = 22;

export function frameFor(size: ChartSize, legend: LegendLayout): Frame {
  const width = size.width ?? 720;
  const height = size.height ?? 340;
  return { width, height, left: 70, right: width - 20, top: 16 + legend.rows * LEGEND_ROW, bottom: height - 50 };
}

export interface LegendLayout {
  readonly rows: number;
  readonly entries: readonly { readonly name: string; readonly x: number; readonly row: number }[];
}

/** Legend entries flow left to right and wrap, using an estimate of each name's width. No legend for one series. */
export function legendLayout(names: readonly string[], size: ChartSize, swatchWidth: number): LegendLayout {
  if (names.length < 2) return { rows: 0, entries: [] };
  const left = 70;
  const right = (size.width ?? 720) - 20;
  const entries: { name: string; x: number; row: number }[] = [];
  let x = left;
  let row = 0;
  for (const name of names) {
    const width = swatchWidth + 6 + name.length * 7.2;
    if (x > left && x + width > right) {
      row++;
      x = left;
    }
    entries.push({ name, x, row });
    x += width + 24;
  }
  return { rows: row + 1, entries };
}

/** Throws a clear error unless `value` is a finite number. */
export function checkFinite(chart: string, field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${chart}: ${field} must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

/** About how many ticks each axis gets: one per ~50 px of height, one per ~80 px of width. */
export const yTickTarget = (frame: Frame) => Math.max(3, Math.floor((frame.bottom - frame.top) / 50));
export const xTickTarget = (frame: Frame) => Math.max(3, Math.floor((frame.right - frame.left) / 80));

/**
 * The axis domain: the author's bounds where given, otherwise the data's range, widened to whole ticks
 * when `tickTarget` is given (with the same target as the axis, so both ends get a tick), or kept exact so
 * the data fills the width.
 */
export function domainFor(axis: Axis, values: readonly number[], includeZero: boolean, tickTarget?: number): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low > high) [low, high] = [0, 1];
  if (includeZero) [low, high] = [Math.min(0, low), Math.max(0, high)];
  const [niceLow, niceHigh] = tickTarget !== undefined || low === high ? niceDomain(low, high, tickTarget) : [low, high];
  return [axis.min ?? niceLow, axis.max ?? niceHigh];
}

/** The vertical value axis with grid lines and its title. */
export function drawYAxis(frame: Frame, y: LinearScale, axis: Axis): string {
  const parts: string[] = [];
  for (const tick of niceTicks(y.domain[0], y.domain[1], yTickTarget(frame))) {
    const ty = y(tick);
    parts.push(
      el('line', { class: 'grid', x1: frame.left, x2: frame.right, y1: ty, y2: ty }),
      el('text', { x: frame.left - 8, y: ty + 4, 'text-anchor': 'end', class: 'label-small' }, text(formatTick(tick))),
    );
  }
  const middle = (frame.top + frame.bottom) / 2;
  parts.push(
    el('line', { class: 'axis', x1: frame.left, x2: frame.left, y1: frame.top, y2: frame.bottom }),
    el('text', { x: 16, y: middle, 'text-anchor': 'middle', transform: `rotate(-90 16 ${num(middle)})`, class: 'axis-title' }, text(axis.label)),
  );
  return el('g', { class: 'y-axis' }, ...parts);
}

/** The horizontal axis line and its title; ticks come from the caller (numeric or categories). */
export function drawXAxis(frame: Frame, axis: Axis, ticks: readonly { readonly x: number; readonly label: string }[]): string {
  const parts = [el('line', { class: 'axis', x1: frame.left, x2: frame.right, y1: frame.bottom, y2: frame.bottom })];
  for (const tick of ticks) {
    parts.push(
      el('line', { class: 'tick', x1: tick.x, x2: tick.x, y1: frame.bottom, y2: frame.bottom + 4 }),
      el('text', { x: tick.x, y: frame.bottom + 17, 'text-anchor': 'middle', class: 'label-small' }, text(tick.label)),
    );
  }
  parts.push(el('text', { x: (frame.left + frame.right) / 2, y: frame.height - 10, 'text-anchor': 'middle', class: 'axis-title' }, text(axis.label)));
  return el('g', { class: 'x-axis' }, ...parts);
}

/** Numeric x ticks for a linear x axis. */
export function numericTicks(frame: Frame, x: LinearScale): { x: number; label: string }[] {
  return niceTicks(x.domain[0], x.domain[1], xTickTarget(frame)).map((tick) => ({ x: x(tick), label: formatTick(tick) }));
}

export function drawReferences(frame: Frame, x: LinearScale | undefined, y: LinearScale, references: readonly ReferenceLine[]): string {
  return references
    .map((reference) => {
      if (reference.axis === 'y') {
        const ry = y(reference.value);
        return el(
          'g',
          { class: 'reference-line' },
          el('line', { class: 'reference', x1: frame.left, x2: frame.right, y1: ry, y2: ry }),
          el('text', { x: frame.right - 4, y: ry - 5, 'text-anchor': 'end', class: 'label-small halo' }, text(reference.label)),
        );
      }
      if (x === undefined) throw new TypeError(`reference line "${reference.label}": a chart with categories has no numeric x axis`);
      const rx = x(reference.value);
      return el(
        'g',
        { class: 'reference-line' },
        el('line', { class: 'reference', x1: rx, x2: rx, y1: frame.top, y2: frame.bottom }),
        el('text', { x: rx + 4, y: frame.top + 12, class: 'label-small halo' }, text(reference.label)),
      );
    })
    .join('');
}

export function markerPath(shape: MarkerShape, cx: number, cy: number, size = 3.5): string {
  switch (shape) {
    case 'square':
      return `M${num(cx - size)} ${num(cy - size)}h${num(2 * size)}v${num(2 * size)}h${num(-2 * size)}Z`;
    case 'triangle':
      return `M${num(cx)} ${num(cy - size - 1)}L${num(cx + size + 1)} ${num(cy + size)}L${num(cx - size - 1)} ${num(cy + size)}Z`;
    case 'diamond':
      return `M${num(cx)} ${num(cy - size - 1)}L${num(cx + size + 1)} ${num(cy)}L${num(cx)} ${num(cy + size + 1)}L${num(cx - size - 1)} ${num(cy)}Z`;
    default:
      return `M${num(cx - size)} ${num(cy)}a${num(size)} ${num(size)} 0 1 0 ${num(2 * size)} 0a${num(size)} ${num(size)} 0 1 0 ${num(-2 * size)} 0Z`;
  }
}

/** The legend above the plot: a line sample with its marker (or a colour box) and the series name for each entry. */
export function drawLegend(legend: LegendLayout, swatch: 'line' | 'box'): string {
  if (legend.entries.length === 0) return '';
  return el(
    'g',
    { class: 'legend' },
    ...legend.entries.map(({ name, x: lx, row }, index) => {
      const style = seriesStyle(index);
      const ly = 14 + row * LEGEND_ROW;
      const sample = swatch === 'line'
        ? el('line', { class: `series ${style.className}`, x1: lx, x2: lx + LINE_SWATCH, y1: ly - 4, y2: ly - 4, 'stroke-dasharray': style.dash }) +
          el('path', { class: style.className, d: markerPath(style.marker, lx + LINE_SWATCH / 2, ly - 4) })
        : el('rect', { class: `bar ${style.className}`, x: lx, y: ly - 11, width: BOX_SWATCH, height: 12, rx: 2 });
      return sample + el('text', { x: lx + (swatch === 'line' ? LINE_SWATCH : BOX_SWATCH) + 6, y: ly, class: 'label-strong legend-label' }, text(name));
    }),
  );
}

export const LINE_SWATCH = 26;
export const BOX_SWATCH = 14;
