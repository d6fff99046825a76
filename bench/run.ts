/**
 * `npm run bench`: runs every benchmark section, prints a markdown table per section and writes
 * bench/results.json as `{ "<section>": figures }`, where figures are one row (`sim`, `build`) or a list of
 * rows (`runs`, `pages`). `npm run bench -- runs pages` runs only the named sections and keeps the others'
 * last figures in the JSON. Add a section by adding an entry to `sections`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { measureBuild } from './build.ts';
import { benchFailureRuns } from './failure-runs.ts';
import { benchShrink } from './shrink-cost.ts';
import { benchPages } from './pages.ts';
import { benchPrecache } from './precache.ts';
import { benchRuns } from './runs.ts';
import { closeSite } from './site.ts';
import { benchSim } from './sim.ts';

type Row = Readonly<Record<string, number | string>>;
type Figures = Row | readonly Row[];

interface Target {
  readonly atLeast?: number;
  readonly atMost?: number;
}

interface Section {
  /** What the figures mean, shown above the table. */
  readonly title: string;
  /** May be async: the browser sections build the site if needed and drive Chromium. */
  readonly run: () => Figures | Promise<Figures>;
  /** Targets, where there are any: checked and marked in the table, never asserted in a unit test. */
  readonly targets?: Readonly<Record<string, Target>>;
}

/** In the order they run: the build first, so the browser sections serve what it built. */
const sections: Record<string, Section> = {
  build: {
    title: 'A full `npm run build` of the whole course: wall seconds and the peak resident memory of its process tree',
    run: async () => ({ ...(await measureBuild()) }),
    targets: { seconds: { atMost: 60 } },
  },
  sim: {
    title: 'Simulation core: 5 gossiping nodes, exponential latency, 1% loss, heartbeats; ~1 M events; median of 5 runs',
    run: () => ({ ...benchSim() }),
    targets: {
      eventsPerSecond: { atLeast: 3_000_000 },
      eventsPerSecondTraced: { atLeast: 1_000_000 },
      tracedPeakRssMb: { atMost: 256 },
    },
  },
  runs: {
    title:
      'Run tests with the reference solution, headless Chromium, built site on 127.0.0.1: click to the first frame with results; ' +
      'cold = first run after the editor is ready, warm = 20 more (median, nearest-rank p95); breakdown columns are warm medians',
    run: async () => (await benchRuns()).map((row) => ({ ...row })),
    targets: { coldMs: { atMost: 500 }, warmP50Ms: { atMost: 100 } },
  },
  'failure-runs': {
    title:
      'A failing simulated test drawn (one wrong variant per exercise that draws a run), headless Chromium: results painted to the ' +
      'run diagram painted, on the first failing run and on a second, and the grading\'s reply to the frame showing both (shown); "Replay this run" ' +
      'clicked to the redrawn diagram',
    run: async () => (await benchFailureRuns()).map((row) => ({ ...row })),
    targets: { firstPaintMs: { atMost: 100 }, paintMs: { atMost: 100 }, replayMs: { atMost: 500 } },
  },
  shrink: {
    title:
      'What shrinking adds to a failing simulated test, in Node (the browser\'s worker takes about twice Node\'s time): for each exercise ' +
      'whose scenarios declare sizes, the first wrong variant whose failure is shrunk, its failing test graded alone; median of 5 gradings ' +
      'with shrinking minus median of 5 without (the extra build that records node states included)',
    run: () => benchShrink().map((row) => ({ ...row })),
    targets: { shrinkMs: { atMost: 1000 } },
  },
  pages: {
    title:
      'Each lesson in a fresh browser context: JavaScript fetched (gzip, level 9) before the editor is activated and after; ' +
      'click on "Edit this code" to the first frame with the editor ready, median of 5 page loads',
    run: async () => (await benchPages()).map((row) => ({ ...row })),
    targets: { jsGzipBeforeEditor: { atMost: 50 * 1024 } },
  },
  precache: {
    title:
      'The offline course: every file the service worker precaches on the first visit, gzip (level 9) per kind and in total; ' +
      'the chunk that registers it (loaded by every page after load, counted in pages.jsGzipBeforeEditor); the worker itself',
    run: async () => ({ ...(await benchPrecache()) }),
  },
};

const resultsPath = new URL('./results.json', import.meta.url);
const resultsOrder = ['sim', 'runs', 'failure-runs', 'shrink', 'pages', 'precache', 'build'] as const;
if (Object.keys(sections).some((name) => !(resultsOrder as readonly string[]).includes(name))) {
  throw new Error('bench/run.ts: every section must have its place in resultsOrder.');
}

const meets = (target: Target, value: number): boolean =>
  (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
const describe = (target: Target): string =>
  target.atLeast !== undefined ? `≥ ${target.atLeast.toLocaleString('en')}` : `≤ ${(target.atMost as number).toLocaleString('en')}`;
const show = (value: number | string | null): string =>
  typeof value === 'number' ? (Number.isNaN(value) ? '–' : value.toLocaleString('en')) : value === null ? '–' : value;

function table(name: string, section: Section, figures: Figures): string {
  const lines = [`### ${name}`, '', section.title, ''];
  if (!Array.isArray(figures)) {
    lines.push('| figure | value | target |', '|---|---:|---|');
    for (const [key, value] of Object.entries(figures as Row)) {
      const target = section.targets?.[key];
      const verdict = target !== undefined && typeof value === 'number' ? `${meets(target, value) ? 'met' : 'MISSED'} (${describe(target)})` : '';
      lines.push(`| ${key} | ${show(value)} | ${verdict} |`);
    }
    return [...lines, ''].join('\n');
  }
  const rows = figures as readonly Row[];
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  lines.push(`| ${columns.join(' | ')} |`, `|${columns.map((column, index) => (index === 0 ? '---' : typeof rows[0]?.[column] === 'number' ? '---:' : '---')).join('|')}|`);
  for (const row of rows) {
    const cells = columns.map((column) => {
      const value = row[column] ?? null;
      const target = section.targets?.[column];
      if (target === undefined || typeof value !== 'number') return show(value);
      return `${show(value)} ${meets(target, value) ? '✓' : '✗ MISSED'}`;
    });
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const targets = Object.entries(section.targets ?? {}).map(([column, target]) => `${column} ${describe(target)}`);
  if (targets.length > 0) lines.push('', `Targets: ${targets.join(', ')} (✓ met, ✗ missed).`);
  return [...lines, ''].join('\n');
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`Unknown bench section(s): ${unknown.join(', ')}. Known: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
const previous: Record<string, unknown> = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>) : {};
const measured: Record<string, unknown> = {};
const when = (previous.measured ?? {}) as Record<string, { at: string; loadAverageAtStart: number }>;

/** Written after every section, so a section that fails keeps what the earlier ones measured. */
function writeResults(): void {
  // The contract's order (bench/README.md), then when each section was last measured. Every section is in it:
  // one left out here would print its table and never reach the file.
  const results: Record<string, unknown> = {};
  for (const name of resultsOrder) {
    const figures = measured[name] ?? previous[name];
    if (figures !== undefined) results[name] = figures;
  }
  results.measured = when;
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}

try {
  for (const [name, section] of Object.entries(sections)) {
    if (requested.length > 0 && !requested.includes(name)) continue;
    const loadAverageAtStart = Math.round((loadavg()[0] as number) * 100) / 100;
    const figures = await section.run();
    measured[name] = figures;
    when[name] = { at: new Date().toISOString(), loadAverageAtStart };
    console.log(table(name, section, figures));
    writeResults();
  }
} finally {
  await closeSite();
}
console.log('Wrote bench/results.json');
