/**
 * What the fail-over lag slider shows, shared by its build-time render (FailoverLag.astro) and its custom
 * element (failover-lag-element.ts): for one replica poll interval, the asynchronous-primary crash of
 * lesson 08 over a few seeds — how far the replicas trailed and how many acknowledged writes a fail-over
 * threw away — as labelled rows and a bar chart. Pure: it runs in Node at build time and in the page.
 */
import { barChart } from '../../figures/bar-chart.ts';
import type { Figure } from '../../figures/figure.ts';
import { asyncFailoverRun, mostCaughtUp, writesLostBy } from '../../scenarios/async-failover.ts';

export const POLL_MIN_MS = 10;
export const POLL_MAX_MS = 200;
export const POLL_STEP_MS = 10;
export const LAG_SEEDS = [1, 2, 3, 4, 5] as const;

export type LagStat = 'acknowledged' | 'lag' | 'best' | 'worst' | 'runs';

export interface LagRow {
  readonly key: LagStat;
  readonly label: string;
  readonly value: string;
}

export interface LagReading {
  readonly pollMs: number;
  readonly rows: readonly LagRow[];
  /** Writes lost per seed when the most and the least caught-up replica is promoted. */
  readonly perSeed: readonly { readonly seed: number; readonly best: number; readonly worst: number }[];
  readonly chart: Figure;
  /** One sentence for screen readers, announced after each change. */
  readonly summary: string;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toString();

export function readLagAt(pollMs: number): LagReading {
  let acknowledged = 0;
  const lags: number[] = [];
  const perSeed = LAG_SEEDS.map((seed) => {
    const run = asyncFailoverRun({ choose: mostCaughtUp, pollMs }, seed);
    acknowledged += run.acknowledged.length;
    const losses = run.replicas.map((r) => writesLostBy(run.acknowledged, r.appliedSeq).length);
    lags.push(...losses);
    return { seed, best: run.lost.length, worst: Math.max(...losses) };
  });
  const best = mean(perSeed.map((s) => s.best));
  const worst = mean(perSeed.map((s) => s.worst));
  const losing = perSeed.filter((s) => s.best > 0).length;
  const rows: LagRow[] = [
    { key: 'acknowledged', label: 'Writes acknowledged before the crash (mean)', value: oneDecimal(acknowledged / LAG_SEEDS.length) },
    { key: 'lag', label: 'Replica lag at the crash (mean, in writes)', value: oneDecimal(mean(lags)) },
    { key: 'best', label: 'Acknowledged writes lost, promoting the most caught-up replica (mean)', value: oneDecimal(best) },
    { key: 'worst', label: 'Acknowledged writes lost, promoting the replica furthest behind (mean)', value: oneDecimal(worst) },
    { key: 'runs', label: 'Runs that lost writes even with the best choice', value: `${losing} of ${LAG_SEEDS.length}` },
  ];
  const chart = barChart({
    title: `Acknowledged writes lost at fail-over, replicas polling every ${pollMs} ms`,
    x: { label: 'seed', categories: perSeed.map((s) => `seed ${s.seed}`) },
    y: { label: 'acknowledged writes lost', min: 0 },
    series: [
      { name: 'promoting the most caught-up replica', values: perSeed.map((s) => s.best) },
      { name: 'promoting the replica furthest behind', values: perSeed.map((s) => s.worst) },
    ],
    height: 240,
  });
  return {
    pollMs,
    rows,
    perSeed,
    chart,
    summary: `Replicas polling every ${pollMs} ms trail by ${oneDecimal(mean(lags))} writes on average; a fail-over loses ${oneDecimal(best)} acknowledged writes with the best choice and ${oneDecimal(worst)} with the worst; ${losing} of ${LAG_SEEDS.length} runs lost writes even with the best choice.`,
  };
}

/** The slider's spoken value. */
export function pollValueText(pollMs: number): string {
  return `every ${pollMs} milliseconds`;
}
