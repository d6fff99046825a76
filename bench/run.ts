/**
 * `npm run bench`: runs every benchmark section, prints one markdown table per section and writes
 * bench/results.json as `{ "<section>": { …figures } }`. Add a section by adding an entry to `sections`.
 * `npm run bench -- sim` runs only the named sections and keeps the others' last figures in the JSON.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { benchSim } from './sim.ts';

type Figures = Record<string, number | string>;

interface Section {
  /** What the figures mean, shown above the table. */
  readonly title: string;
  /** May be async: later sections build the site or drive a browser. */
  readonly run: () => Figures | Promise<Figures>;
  /** Targets, where there are any: checked and marked in the table, never asserted in a unit test. */
  readonly targets?: Readonly<Record<string, { readonly atLeast?: number; readonly atMost?: number }>>;
}

const sections: Record<string, Section> = {
  sim: {
    title: 'Simulation core: 5 gossiping nodes, exponential latency, 1% loss, heartbeats; ~1 M events; median of 5 runs',
    run: () => ({ ...benchSim() }),
    targets: {
      eventsPerSecond: { atLeast: 3_000_000 },
      eventsPerSecondTraced: { atLeast: 1_000_000 },
      tracedPeakRssMb: { atMost: 256 },
    },
  },
};

const resultsPath = new URL('./results.json', import.meta.url);

function table(name: string, section: Section, figures: Figures): string {
  const rows = Object.entries(figures).map(([key, value]) => {
    const target = section.targets?.[key];
    let verdict = '';
    if (target !== undefined && typeof value === 'number') {
      const ok = (target.atLeast === undefined || value >= target.atLeast) && (target.atMost === undefined || value <= target.atMost);
      const goal = target.atLeast !== undefined ? `≥ ${target.atLeast.toLocaleString('en')}` : `≤ ${target.atMost?.toLocaleString('en')}`;
      verdict = `${ok ? 'met' : 'MISSED'} (${goal})`;
    }
    const shown = typeof value === 'number' ? value.toLocaleString('en') : value;
    return `| ${key} | ${shown} | ${verdict} |`;
  });
  return [`### ${name}`, '', section.title, '', '| figure | value | target |', '|---|---:|---|', ...rows, ''].join('\n');
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`Unknown bench section(s): ${unknown.join(', ')}. Known: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
const results: Record<string, Figures> = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, Figures>) : {};
for (const [name, section] of Object.entries(sections)) {
  if (requested.length > 0 && !requested.includes(name)) continue;
  const figures = await section.run();
  results[name] = figures;
  console.log(table(name, section, figures));
}
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
console.log('Wrote bench/results.json');
