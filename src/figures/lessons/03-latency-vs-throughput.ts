/**
 * Lesson 03's build-time figure: the latency "hockey stick". One server (one worker, exponential service
 * around 10 ms) under Poisson arrivals at rising utilisation; each point is a real run, measured over a
 * window that starts and ends with nothing in flight.
 */
import type { Figure } from '../figure.ts';
import { linePlot } from '../plot.ts';
import { HOCKEY_STICK_SERVER, measureAtUtilisation } from '../../testkit/scenarios/utilisation-sweep.ts';

const SEED = 1;
const UTILISATIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];

export function latencyHockeyStick(): Figure {
  const points = UTILISATIONS.map((rho) => ({ rho, stats: measureAtUtilisation(HOCKEY_STICK_SERVER, rho, SEED) }));
  const series = (name: string, pick: (stats: (typeof points)[number]['stats']) => number) => ({
    name,
    points: points.map(({ rho, stats }) => [Math.round(rho * 100), Math.round(pick(stats))] as [number, number]),
  });
  return linePlot({
    title: `Latency against utilisation: one worker, about 10 ms of work per request (seed ${SEED})`,
    x: { label: 'utilisation (%)', min: 0, max: 100 },
    y: { label: 'latency (ms)' },
    series: [series('p99', (stats) => stats.p99Ms), series('mean', (stats) => stats.meanLatencyMs), series('p50', (stats) => stats.p50Ms)],
  });
}
