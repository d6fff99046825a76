/**
 * Lesson 02's figures, from real load tests in the simulation:
 * - p99 latency against users for a slow server, a locked server and a healthy one, with the SLO;
 * - throughput against app nodes in front of one shared database, beside perfect scaling.
 */
import type { Figure } from '../figure.ts';
import { linePlot, type Series } from '../plot.ts';
import { latencySamples, loadTestRuns } from '../../scenarios/load-server.ts';
import { appTierRun } from '../../scenarios/app-tier.ts';
import { BOTTLENECK_SERVERS, LOAD_STEPS, SCALE_OUT, SLO_MS, STEP_MS, type BottleneckServer } from '../../scenarios/bottleneck-servers.ts';
import { trafficStats } from '../../scenarios/traffic-stats.ts';
import { nearestRank } from '../../sim/index.ts';
import { roundedExponentialMeanMs } from '../../sim/network.ts';

const SEED = 1;

const LABELS: Readonly<Record<Exclude<BottleneckServer, 'spiky'>, string>> = {
  slow: 'slow code path (performance)',
  locked: 'global lock (scalability)',
  healthy: 'healthy',
};

function p99(latencies: readonly number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[nearestRank(0.99, sorted.length) - 1] as number;
}

/** Each server's p99 (ms) at each load step of the load test: [users, p99] pairs, by server. */
export type P99ByServer = Readonly<Record<keyof typeof LABELS, readonly (readonly [number, number])[]>>;

export function p99ByServer(): P99ByServer {
  const entries = (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => {
    const loadTest = { server: BOTTLENECK_SERVERS[name], users: LOAD_STEPS, durationMs: STEP_MS };
    const samples = latencySamples(loadTest, loadTestRuns(loadTest, SEED));
    return [name, samples.map((sample) => [sample.users, p99(sample.latenciesMs)] as [number, number])] as const;
  });
  return Object.fromEntries(entries) as unknown as P99ByServer;
}

export function p99AgainstUsers(byServer: P99ByServer = p99ByServer()): Figure {
  const series: Series[] = (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => ({ name: LABELS[name], points: byServer[name] }));
  return linePlot({
    title: `p99 latency as users are added, three servers with 16 workers each (seed ${SEED})`,
    x: { label: 'users sending requests back to back' },
    y: { label: 'p99 latency (ms)' },
    series,
    references: [{ axis: 'y', value: SLO_MS, label: `SLO: p99 ≤ ${SLO_MS} ms` }],
  });
}

/** Measured throughput of the scale-out load test: [app nodes, requests per second] pairs. */
export function scaleOutThroughput(): (readonly [number, number])[] {
  return SCALE_OUT.nodes.map((nodes) => {
    const run = appTierRun({ ...SCALE_OUT.tier, nodes, trace: false }, SEED);
    return [nodes, Math.round(trafficStats(run.requests, run.fromMs, run.toMs).throughputPerSec)] as [number, number];
  });
}

/**
 * What the shared database can answer per second: one worker, exponential service of mean 2 ms drawn in whole
 * milliseconds, whose true mean is slightly below 2 ms (src/sim/README.md, "Latencies are whole milliseconds").
 */
export const databaseCapacityPerSec = 1000 / roundedExponentialMeanMs(SCALE_OUT.tier.database.service.meanMs);
/** What one app node can complete per second (one worker, constant work). */
export const appNodeCapacityPerSec = 1000 / SCALE_OUT.tier.app.service.ms;

/** Throughput of the scale-out load test at each node count, against what perfect scaling would give. */
export function throughputAgainstNodes(measured: readonly (readonly [number, number])[] = scaleOutThroughput()): Figure {
  const single = measured[0]![1];
  return linePlot({
    title: `Throughput as app nodes are added in front of one database (seed ${SEED})`,
    x: { label: 'app nodes (4 users each)' },
    y: { label: 'throughput (requests per second)' },
    series: [
      { name: 'measured', points: measured },
      { name: 'perfect scaling (nodes × one node)', points: measured.map(([nodes]) => [nodes, nodes * single] as [number, number]) },
    ],
  });
}
