/**
 * Lesson 03's build-time figure: the latency "hockey stick". One server (one worker, exponential service
 * around 10 ms) under Poisson arrivals at rising utilisation. Each simulated point pools several seeded runs,
 * each measured over a fixed window and longer where the queue's swings are slower; beside them, what M/M/1
 * queueing theory predicts for the same server.
 */
import type { Figure } from '../figure.ts';
import { linePlot } from '../plot.ts';
import { HOCKEY_STICK_SERVER, mm1LatencyMs, pooledLatency, type PooledLatency } from '../../scenarios/utilisation-sweep.ts';

const UTILISATIONS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9];
/**
 * Runs per point, and each run's length: the queue's swings last about S / (1 − √ρ)², so runs get longer as
 * utilisation rises (at least 60 s, 600 s at 90%), and start measuring after their first tenth. Shorter runs
 * that start empty read low at high load: they spend too much of their time climbing to a typical queue.
 */
export const HOCKEY_SEEDS = 8;
export const hockeyRunMs = (rho: number) => Math.max(60_000, Math.round(6_000 / (1 - rho) ** 2));

export interface HockeyPoint extends PooledLatency {
  readonly theory: { readonly meanMs: number; readonly p50Ms: number; readonly p99Ms: number };
}

export function hockeyStickPoints(): HockeyPoint[] {
  return UTILISATIONS.map((rho) => ({
    ...pooledLatency(HOCKEY_STICK_SERVER, rho, HOCKEY_SEEDS, hockeyRunMs(rho)),
    theory: { meanMs: mm1LatencyMs(HOCKEY_STICK_SERVER, rho, 'mean'), p50Ms: mm1LatencyMs(HOCKEY_STICK_SERVER, rho, 0.5), p99Ms: mm1LatencyMs(HOCKEY_STICK_SERVER, rho, 0.99) },
  }));
}

/** The largest gap between a simulated percentile and theory, as a share of theory, over every point. */
export function largestGapToTheory(points: readonly HockeyPoint[]): number {
  return Math.max(...points.flatMap((p) => [p.meanMs / p.theory.meanMs, p.p50Ms / p.theory.p50Ms, p.p99Ms / p.theory.p99Ms].map((ratio) => Math.abs(ratio - 1))));
}

export function latencyHockeyStick(points: readonly HockeyPoint[] = hockeyStickPoints()): Figure {
  const series = (name: string, style: 'line' | 'scatter', pick: (point: HockeyPoint) => number) => ({
    name,
    style,
    points: points.map((point) => [Math.round(point.rho * 100), Math.round(pick(point))] as [number, number]),
  });
  return linePlot({
    title: `Latency against utilisation: one worker, about 10 ms of work per request, simulated and M/M/1 theory`,
    x: { label: 'utilisation (%)', min: 0, max: 100 },
    y: { label: 'latency (ms)' },
    series: [
      series('p99, simulated', 'scatter', (p) => p.p99Ms),
      series('p99, theory', 'line', (p) => p.theory.p99Ms),
      series('mean, simulated', 'scatter', (p) => p.meanMs),
      series('mean, theory', 'line', (p) => p.theory.meanMs),
      series('p50, simulated', 'scatter', (p) => p.p50Ms),
      series('p50, theory', 'line', (p) => p.theory.p50Ms),
    ],
  });
}
