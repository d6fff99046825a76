/**
 * Figures drawn from real simulation runs: pure functions from data to `{ svg, title, alt }`, usable at
 * build time, in the page and in Node. Import from here.
 */
export type { Figure, FigureText } from './figure.ts';
export { spaceTimeDiagram, type SpaceTimeOptions } from './space-time.ts';
export { operationsFromTrace } from './space-time-model.ts';
export { linePlot, type LinePlotOptions, type Series } from './plot.ts';
export { barChart, histogram, type BarChartOptions, type BarSeries, type Bin, type HistogramOptions } from './bar-chart.ts';
export type { Axis, ReferenceLine } from './chart-frame.ts';
