/**
 * Line, step and scatter plots of one or more series over a numeric x axis: latency percentiles against
 * utilisation, availability over time, keys moved against shard count. The text alternative is the data
 * itself, as a table with one row per x value and one column per series.
 */
import type { Figure } from './figure.ts';
import {
  checkFinite, domainFor, drawLegend, drawReferences, drawXAxis, drawYAxis, frameFor, legendLayout, markerPath, numericTicks,
  yTickTarget, LINE_SWATCH, type Axis, type ChartSize, type ReferenceLine,
} from './chart-frame.ts';
import { formatTick, linearScale, type LinearScale } from './scale.ts';
import { el, num, svgDocument, tooltip } from './svg.ts';
import { FIGURE_STYLE, seriesStyle } from './theme.ts';

export interface Series {
  readonly name: string;
  /** [x, y] pairs; drawn in x order. */
  readonly points: readonly (readonly [number, number])[];
  /** 'line' joins points, 'step' holds each value until the next x (state over time), 'scatter' only marks them. */
  readonly style?: 'line' | 'step' | 'scatter';
}

export interface LinePlotOptions extends ChartSize {
  readonly title: string;
  readonly x: Axis;
  readonly y: Axis;
  readonly series: readonly Series[];
  readonly references?: readonly ReferenceLine[];
}

/** Points are marked when a series has at most this many (more would only clutter the line). */
const MARK_POINTS_UP_TO = 40;

export function linePlot(options: LinePlotOptions): Figure {
  const series = options.series.map((s, index) => checkSeries(s, index));
  if (series.length === 0) throw new TypeError(`linePlot "${options.title}": series must name at least one series`);
  const legend = legendLayout(series.map((s) => s.name), options, LINE_SWATCH);
  const frame = frameFor(options, legend);
  const xs = series.flatMap((s) => s.points.map(([px]) => px));
  const ys = series.flatMap((s) => s.points.map(([, py]) => py));
  const references = options.references ?? [];
  const x = linearScale(domainFor(options.x, [...xs, ...references.filter((r) => r.axis === 'x').map((r) => r.value)], false), [frame.left, frame.right]);
  const y = linearScale(domainFor(options.y, [...ys, ...references.filter((r) => r.axis === 'y').map((r) => r.value)], true, yTickTarget(frame)), [frame.bottom, frame.top]);

  const body = [
    drawYAxis(frame, y, options.y),
    drawXAxis(frame, options.x, numericTicks(frame, x)),
    drawReferences(frame, x, y, references),
    ...series.map((s, index) => drawSeries(s, index, x, y)),
    drawLegend(legend, 'line'),
  ].join('');
  const description = `${describeKind(series)} of ${options.y.label} against ${options.x.label}: ${series.map((s) => s.name).join(', ')}.`;
  return {
    svg: svgDocument({ width: frame.width, height: frame.height, kind: 'plot', title: options.title, description, style: FIGURE_STYLE, body }),
    title: options.title,
    alt: { kind: 'table', columns: [options.x.label, ...series.map((s) => s.name)], rows: tableRows(series) },
  };
}

function checkSeries(series: Series, index: number): Series {
  const chart = `linePlot series ${index} ("${series.name}")`;
  if (typeof series.name !== 'string' || series.name.trim() === '') throw new TypeError(`linePlot series ${index}: name must be a non-empty string`);
  series.points.forEach(([px, py], at) => {
    checkFinite(chart, `points[${at}][0] (x)`, px);
    checkFinite(chart, `points[${at}][1] (y)`, py);
  });
  return { ...series, points: [...series.points].sort((a, b) => a[0] - b[0]) };
}

function describeKind(series: readonly Series[]): string {
  const styles = new Set(series.map((s) => s.style ?? 'line'));
  return styles.size === 1 && styles.has('scatter') ? 'Scatter plot' : styles.size === 1 && styles.has('step') ? 'Step chart' : 'Line chart';
}

function drawSeries(series: Series, index: number, x: LinearScale, y: LinearScale): string {
  const style = seriesStyle(index);
  const kind = series.style ?? 'line';
  const points = series.points.map(([px, py]) => [x(px), y(py)] as const);
  let line = '';
  if (kind !== 'scatter' && points.length > 1) {
    let d = '';
    points.forEach(([px, py], at) => {
      if (at === 0) d += `M${num(px)} ${num(py)}`;
      // A step holds the previous value up to the new x, then jumps.
      else d += kind === 'step' ? `H${num(px)}V${num(py)}` : `L${num(px)} ${num(py)}`;
    });
    line = el('path', { class: `series ${style.className}`, d, 'stroke-dasharray': style.dash });
  }
  const marked = kind === 'scatter' || series.points.length <= MARK_POINTS_UP_TO;
  const markers = marked
    ? series.points.map(([px, py], at) => {
        const [cx, cy] = points[at] as readonly [number, number];
        return el('path', { class: style.className, d: markerPath(style.marker, cx, cy) }, tooltip(`${series.name}: ${formatTick(px)}, ${formatTick(py)}`));
      })
    : [];
  return el('g', { class: `series-group series--${kind}`, 'data-series': series.name }, line, ...markers, tooltip(series.name));
}

function tableRows(series: readonly Series[]): string[][] {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([px]) => px)))].sort((a, b) => a - b);
  const lookup = series.map((s) => new Map(s.points.map(([px, py]) => [px, py] as const)));
  return xs.map((px) => [formatTick(px), ...lookup.map((values) => {
    const value = values.get(px);
    return value === undefined ? '—' : formatTick(value);
  })]);
}
