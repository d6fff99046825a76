/**
 * Bar charts (one bar per category and series, side by side: "keys moved, hash ring vs mod-N, per shard
 * count") and histograms (adjacent bins on a numeric axis: a latency distribution). The text alternative
 * is the data as a table.
 */
import type { Figure } from './figure.ts';
import {
  checkFinite, domainFor, drawLegend, drawReferences, drawXAxis, drawYAxis, frameFor, legendLayout, numericTicks,
  xTickTarget, yTickTarget, BOX_SWATCH, type Axis, type ChartSize, type ReferenceLine,
} from './chart-frame.ts';
import { formatTick, linearScale } from './scale.ts';
import { el, svgDocument, tooltip } from './svg.ts';
import { FIGURE_STYLE, seriesStyle } from './theme.ts';

export interface BarSeries {
  readonly name: string;
  /** One value per category, in the same order. */
  readonly values: readonly number[];
}

export interface BarChartOptions extends ChartSize {
  readonly title: string;
  /** The category axis: its title and the categories, left to right. */
  readonly x: { readonly label: string; readonly categories: readonly string[] };
  readonly y: Axis;
  readonly series: readonly BarSeries[];
  /** Horizontal lines only: a bar chart has no numeric x axis. */
  readonly references?: readonly ReferenceLine[];
}

export function barChart(options: BarChartOptions): Figure {
  const { categories } = options.x;
  const chart = `barChart "${options.title}"`;
  if (categories.length === 0) throw new TypeError(`${chart}: x.categories must name at least one category`);
  if (options.series.length === 0) throw new TypeError(`${chart}: series must name at least one series`);
  options.series.forEach((series, index) => {
    if (series.values.length !== categories.length) {
      throw new TypeError(`${chart}: series ${index} ("${series.name}") has ${series.values.length} values for ${categories.length} categories`);
    }
    series.values.forEach((value, at) => checkFinite(chart, `series ${index} ("${series.name}") values[${at}]`, value));
  });
  const legend = legendLayout(options.series.map((s) => s.name), options, BOX_SWATCH);
  const frame = frameFor(options, legend);
  const references = options.references ?? [];
  const y = linearScale(domainFor(options.y, [...options.series.flatMap((s) => s.values), ...references.map((r) => r.value)], true, yTickTarget(frame)), [frame.bottom, frame.top]);
  const slot = (frame.right - frame.left) / categories.length;
  const groupWidth = slot * 0.72;
  const barWidth = groupWidth / options.series.length;

  const bars = options.series.map((series, index) => {
    const style = seriesStyle(index);
    return el(
      'g',
      { class: 'series-group', 'data-series': series.name },
      ...series.values.map((value, at) => {
        const bx = frame.left + slot * at + (slot - groupWidth) / 2 + barWidth * index;
        const top = y(Math.max(0, value));
        const height = Math.abs(y(value) - y(0));
        return el('rect', { class: `bar ${style.className}`, x: bx + 1, y: top, width: Math.max(1, barWidth - 2), height }, tooltip(`${series.name}, ${categories[at]}: ${formatTick(value)}`));
      }),
    );
  });
  const ticks = categories.map((label, at) => ({ x: frame.left + slot * (at + 0.5), label }));
  const body = [
    drawYAxis(frame, y, options.y),
    drawXAxis(frame, options.x, ticks),
    ...bars,
    drawReferences(frame, undefined, y, references),
    drawLegend(legend, 'box'),
  ].join('');
  const description = `Bar chart of ${options.y.label} for each ${options.x.label}: ${options.series.map((s) => s.name).join(', ')}.`;
  return {
    svg: svgDocument({ width: frame.width, height: frame.height, kind: 'bar-chart', title: options.title, description, style: FIGURE_STYLE, body }),
    title: options.title,
    alt: {
      kind: 'table',
      columns: [options.x.label, ...options.series.map((s) => s.name)],
      rows: categories.map((category, at) => [category, ...options.series.map((s) => formatTick(s.values[at] as number))]),
    },
  };
}

export interface Bin {
  /** Inclusive lower bound. */
  readonly from: number;
  /** Exclusive upper bound. */
  readonly to: number;
  readonly count: number;
}

export interface HistogramOptions extends ChartSize {
  readonly title: string;
  readonly x: Axis;
  /** Default: "count". */
  readonly y?: Axis;
  readonly bins: readonly Bin[];
  /** E.g. a vertical line at p99. */
  readonly references?: readonly ReferenceLine[];
}

export function histogram(options: HistogramOptions): Figure {
  const chart = `histogram "${options.title}"`;
  if (options.bins.length === 0) throw new TypeError(`${chart}: bins must hold at least one bin`);
  options.bins.forEach((bin, at) => {
    checkFinite(chart, `bins[${at}].from`, bin.from);
    checkFinite(chart, `bins[${at}].to`, bin.to);
    checkFinite(chart, `bins[${at}].count`, bin.count);
    if (!(bin.to > bin.from)) throw new TypeError(`${chart}: bins[${at}] must have to > from, got [${bin.from}, ${bin.to})`);
  });
  const yAxis = options.y ?? { label: 'count' };
  const frame = frameFor(options, legendLayout([], options, 0));
  const references = options.references ?? [];
  const x = linearScale(
    domainFor(options.x, [...options.bins.flatMap((bin) => [bin.from, bin.to]), ...references.filter((r) => r.axis === 'x').map((r) => r.value)], false, xTickTarget(frame)),
    [frame.left, frame.right],
  );
  const y = linearScale(domainFor(yAxis, [...options.bins.map((bin) => bin.count), ...references.filter((r) => r.axis === 'y').map((r) => r.value)], true, yTickTarget(frame)), [frame.bottom, frame.top]);
  const style = seriesStyle(0);
  const bars = options.bins.map((bin) =>
    el('rect', { class: `bar ${style.className}`, x: x(bin.from) + 0.5, y: y(bin.count), width: Math.max(1, x(bin.to) - x(bin.from) - 1), height: y(0) - y(bin.count) },
      tooltip(`${formatTick(bin.from)}–${formatTick(bin.to)}: ${formatTick(bin.count)}`)),
  );
  const body = [
    drawYAxis(frame, y, yAxis),
    drawXAxis(frame, options.x, numericTicks(frame, x)),
    el('g', { class: 'series-group' }, ...bars),
    drawReferences(frame, x, y, references),
  ].join('');
  const total = options.bins.reduce((sum, bin) => sum + bin.count, 0);
  return {
    svg: svgDocument({
      width: frame.width, height: frame.height, kind: 'histogram', title: options.title,
      description: `Histogram of ${options.x.label} over ${options.bins.length} bins, ${formatTick(total)} in total.`, style: FIGURE_STYLE, body,
    }),
    title: options.title,
    alt: { kind: 'table', columns: [options.x.label, yAxis.label], rows: options.bins.map((bin) => [`${formatTick(bin.from)} to under ${formatTick(bin.to)}`, formatTick(bin.count)]) },
  };
}
