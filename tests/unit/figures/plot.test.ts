import { describe, expect, it } from 'vitest';
import { barChart, histogram, linePlot } from '../../../src/figures/index.ts';
import { heartbeatSilence } from '../../../src/figures/examples/heartbeats-through-a-partition.ts';
import { allText, byClass, descendants, parseSvg } from './svg-tree.ts';

const utilisation = linePlot({
  title: 'Latency against utilisation',
  x: { label: 'utilisation (%)' },
  y: { label: 'latency (ms)' },
  series: [
    { name: 'p50', points: [[50, 2], [10, 1], [90, 10]] },
    { name: 'p99', points: [[10, 3], [50, 8], [90, 60]] },
  ],
  references: [{ axis: 'y', value: 50, label: 'SLO 50 ms' }],
});

describe('linePlot', () => {
  const svg = parseSvg(utilisation.svg);

  it('is an accessible image with a title and a description', () => {
    expect(svg.attrs['role']).toBe('img');
    expect(svg.children[0]?.text).toBe('Latency against utilisation');
    expect(svg.children[1]?.text).toBe('Line chart of latency (ms) against utilisation (%): p50, p99.');
  });

  it('draws one line per series through its points in x order, with a marker per point', () => {
    const groups = byClass(svg, 'series-group');
    expect(groups.map((group) => group.attrs['data-series'])).toEqual(['p50', 'p99']);
    const p50 = groups[0]!;
    const path = p50.children.find((child) => child.tag === 'path' && (child.attrs['class'] ?? '').startsWith('series'))!;
    const xs = [...(path.attrs['d'] ?? '').matchAll(/[ML]([\d.]+) /g)].map((match) => Number(match[1]));
    expect(xs).toHaveLength(3);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(p50.children.filter((child) => child.tag === 'path')).toHaveLength(4);
  });

  it('tells series apart by dash pattern as well as colour, and shows a legend and the reference line', () => {
    const lines = byClass(svg, 'series').filter((node) => node.tag === 'path');
    expect(lines[0]?.attrs['stroke-dasharray']).toBeUndefined();
    expect(lines[1]?.attrs['stroke-dasharray']).toBe('7 4');
    expect(byClass(svg, 'legend-label').map((label) => label.text)).toEqual(['p50', 'p99']);
    expect(byClass(svg, 'reference')).toHaveLength(1);
    expect(allText(svg)).toContain('SLO 50 ms');
  });

  it('labels both axes, with tick labels', () => {
    expect(byClass(svg, 'axis-title').map((title) => title.text)).toEqual(['latency (ms)', 'utilisation (%)']);
    const yTicks = byClass(svg, 'y-axis')[0]!.children.filter((child) => child.tag === 'text' && child.attrs['class'] === 'label-small');
    expect(yTicks.map((tick) => tick.text)).toEqual(['0', '10', '20', '30', '40', '50', '60']);
  });

  it('offers the data as a table: one row per x value, one column per series', () => {
    expect(utilisation.alt).toEqual({
      kind: 'table',
      columns: ['utilisation (%)', 'p50', 'p99'],
      rows: [['10', '1', '3'], ['50', '2', '8'], ['90', '10', '60']],
    });
  });

  it('draws steps as horizontal-then-vertical runs and scatter series without a line', () => {
    const figure = linePlot({
      title: 'Steps and dots',
      x: { label: 'time (ms)' },
      y: { label: 'nodes up' },
      series: [
        { name: 'up', points: [[0, 3], [100, 2], [200, 3]], style: 'step' },
        { name: 'samples', points: [[50, 1], [150, 2]], style: 'scatter' },
      ],
    });
    const [step, scatter] = byClass(parseSvg(figure.svg), 'series-group');
    expect(step!.children[0]?.attrs['d']).toMatch(/^M[\d.]+ [\d.]+H[\d.]+V[\d.]+H[\d.]+V[\d.]+$/);
    expect(scatter!.children.filter((child) => (child.attrs['class'] ?? '').includes('series '))).toHaveLength(0);
    expect(scatter!.children.filter((child) => child.tag === 'path')).toHaveLength(2);
    expect(figure.alt.kind === 'table' && figure.alt.rows).toEqual([['0', '3', '—'], ['50', '—', '1'], ['100', '2', '—'], ['150', '—', '2'], ['200', '3', '—']]);
  });

  it('refuses data it cannot plot, naming the series and the point', () => {
    expect(() => linePlot({ title: 't', x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 'p99', points: [[1, 2], [2, Number.NaN]] }] }))
      .toThrow('linePlot series 0 ("p99"): points[1][1] (y) must be a finite number, got null');
    expect(() => linePlot({ title: 'empty', x: { label: 'x' }, y: { label: 'y' }, series: [] })).toThrow('linePlot "empty": series must name at least one series');
  });

  it('draws the example from a real heartbeat run deterministically', () => {
    const first = heartbeatSilence(7);
    expect(first.svg).toBe(heartbeatSilence(7).svg);
    expect(byClass(parseSvg(first.svg), 'reference')).toHaveLength(3);
    // During the partition the silence grows past the suspicion threshold.
    const rows = first.alt.kind === 'table' ? first.alt.rows : [];
    const at1900 = rows.find((row) => row[0] === '1900');
    expect(Number(at1900?.[1])).toBeGreaterThan(300);
  });
});

describe('barChart', () => {
  const figure = barChart({
    title: 'Keys moved when a fifth shard joins',
    x: { label: 'scheme', categories: ['hash ring', 'mod N'] },
    y: { label: 'keys moved (%)' },
    series: [{ name: 'measured', values: [21, 80] }, { name: 'ideal', values: [20, 20] }],
  });
  const svg = parseSvg(figure.svg);

  it('draws one bar per category and series, taller for larger values', () => {
    const bars = byClass(svg, 'bar').filter((bar) => !byClass(svg, 'legend')[0]!.children.includes(bar));
    expect(bars).toHaveLength(4);
    const heights = bars.map((bar) => Number(bar.attrs['height']));
    expect(heights[1]).toBeGreaterThan(heights[0]!);
    expect(heights[2]).toBeCloseTo(heights[3]!, 5);
    expect(byClass(svg, 'x-axis')[0]!.children.filter((child) => child.tag === 'text').map((label) => label.text)).toEqual(['hash ring', 'mod N', 'scheme']);
  });

  it('offers the values as a table', () => {
    expect(figure.alt).toEqual({ kind: 'table', columns: ['scheme', 'measured', 'ideal'], rows: [['hash ring', '21', '20'], ['mod N', '80', '20']] });
  });

  it('names the series whose values do not match the categories', () => {
    expect(() => barChart({ title: 'k', x: { label: 'x', categories: ['a', 'b'] }, y: { label: 'y' }, series: [{ name: 'ring', values: [1] }] }))
      .toThrow('barChart "k": series 0 ("ring") has 1 values for 2 categories');
  });
});

describe('histogram', () => {
  const figure = histogram({
    title: 'Request latency',
    x: { label: 'latency (ms)' },
    bins: [{ from: 0, to: 10, count: 4 }, { from: 10, to: 20, count: 12 }, { from: 20, to: 30, count: 1 }],
    references: [{ axis: 'x', value: 25, label: 'p99' }],
  });

  it('draws adjacent bins on a numeric axis, with the reference line', () => {
    const svg = parseSvg(figure.svg);
    const bars = byClass(svg, 'bar');
    expect(bars).toHaveLength(3);
    const left = bars.map((bar) => Number(bar.attrs['x']));
    const width = bars.map((bar) => Number(bar.attrs['width']));
    // Each bin starts where the previous one ended (a 1-unit gap separates them visually).
    expect(left[1]! - (left[0]! + width[0]!)).toBeCloseTo(1, 0);
    expect(byClass(svg, 'reference')).toHaveLength(1);
    expect(descendants(svg).some((node) => node.text === 'p99')).toBe(true);
  });

  it('describes the bins as a table', () => {
    expect(figure.alt).toEqual({ kind: 'table', columns: ['latency (ms)', 'count'], rows: [['0 to under 10', '4'], ['10 to under 20', '12'], ['20 to under 30', '1']] });
  });

  it('refuses an empty or inverted bin', () => {
    expect(() => histogram({ title: 'h', x: { label: 'x' }, bins: [] })).toThrow('histogram "h": bins must hold at least one bin');
    expect(() => histogram({ title: 'h', x: { label: 'x' }, bins: [{ from: 5, to: 5, count: 1 }] })).toThrow('histogram "h": bins[0] must have to > from, got [5, 5)');
  });
});
