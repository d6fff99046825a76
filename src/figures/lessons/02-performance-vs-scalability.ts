/**
 * Lesson 02's figures, from real load tests in the simulation:
 * - p99 latency against users for a slow server, a locked server and a healthy one, with the SLO;
 * - throughput against app nodes in front of one shared database, beside perfect scaling.
 */
import type { Figure } from '../figure.ts';
import { linePlot, type Series } from '../plot.ts';
import { latencySamples, loadTestRuns } from '../../testkit/scenarios/load-server.ts';
import { appTierRun } from '../../testkit/scenarios/app-tier.ts';
import { BOTTLENECK_SERVERS, LOAD_STEPS, SCALE_OUT, SLO_MS, STEP_MS, type BottleneckServer } from '../../testkit/scenarios/bottleneck-servers.ts';
import { trafficStats } from '../../testkit/scenarios/traffic-stats.ts';
import { nearestRank } from '../../sim/index.ts';

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

export function p99AgainstUsers(): Figure {
  const series: Series[] = (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => {
    const loadTest = { server: BOTTLENECK_SERVERS[name], users: LOAD_STEPS, durationMs: STEP_MS };
    const samples = latencySamples(loadTest, loadTestRuns(loadTest, SEED));
    return { name: LABELS[name], points: samples.map((sample) => [sample.users, p99(sample.latenciesMs)] as [number, number]) };
  });
  return linePlot({
    title: `p99 latency as users are added, three servers with 16 workers each (seed ${SEED})`,
    x: { label: 'users sending requests back to back' },
    y: { label: 'p99 latency (ms)' },
    series,
    references: [{ axis: 'y', value: SLO_MS, label: `SLO: p99 ≤ ${SLO_MS} ms` }],
  });
}

/** Throughput of the scale-out load test at each node count, against what perfect scaling would give. */
export function throughputAgainstNodes(): Figure {
  const measured = SCALE_OUT.nodes.map((nodes) => {
    const run = appTierRun({ ...SCALE_OUT.tier, nodes, trace: false }, SEED);
    return [nodes, Math.round(trafficStats(run.requests, run.fromMs, run.toMs).throughputPerSec)] as [number, number];
  });
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
