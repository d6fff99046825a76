/**
 * What the load slider shows, shared by its build-time render (LoadSlider.astro) and its custom element
 * (load-slider-element.ts): one simulation run at a utilisation, turned into labelled, formatted rows.
 * Pure: it runs in Node at build time and in the page.
 */
import { HOCKEY_STICK_SERVER, measureAtUtilisation, mm1LatencyMs, type UtilisationPoint } from '../../scenarios/utilisation-sweep.ts';
import { rateForUtilisation } from '../../scenarios/load-server.ts';

/** Shorter than the figure's runs, so a slider step answers quickly; long enough for a stable p99. */
export const SLIDER_RUN_MS = 30_000;
export const SLIDER_SEED = 1;
export const SLIDER_MIN_PERCENT = 10;
export const SLIDER_MAX_PERCENT = 98;

export type StatKey = 'rate' | 'throughput' | 'p50' | 'p99' | 'mean' | 'inFlight' | 'little' | 'theoryP99' | 'theoryMean';

export interface StatRow {
  readonly key: StatKey;
  readonly label: string;
  readonly value: string;
}

export interface SliderReading {
  readonly percent: number;
  readonly point: UtilisationPoint;
  readonly rows: readonly StatRow[];
  /** One sentence for screen readers, announced after each change. */
  readonly summary: string;
  /** What the run was, in words. */
  readonly note: string;
}

const perSec = (value: number) => `${value.toFixed(1)} per second`;
const ms = (value: number) => `${Math.round(value)} ms`;

export function readAt(percent: number): SliderReading {
  const point = measureAtUtilisation(HOCKEY_STICK_SERVER, percent / 100, SLIDER_SEED, SLIDER_RUN_MS);
  const little = (point.throughputPerSec * point.meanLatencyMs) / 1000;
  const rows: StatRow[] = [
    { key: 'rate', label: 'Offered load', value: perSec(point.ratePerSec) },
    { key: 'throughput', label: 'Throughput (completed)', value: perSec(point.throughputPerSec) },
    { key: 'p50', label: 'p50 latency', value: ms(point.p50Ms) },
    { key: 'p99', label: 'p99 latency', value: ms(point.p99Ms) },
    { key: 'mean', label: 'Mean latency', value: `${point.meanLatencyMs.toFixed(1)} ms` },
    { key: 'inFlight', label: 'Mean requests in flight (measured)', value: point.meanInFlight.toFixed(2) },
    { key: 'little', label: 'Throughput × mean latency (Little’s law)', value: little.toFixed(2) },
    // Beside the one short run, what queueing theory gives for the long run: near saturation the queue swings
    // slowly, and a run this short reads low; the learner sees both, and where they part.
    { key: 'theoryP99', label: 'p99 in M/M/1 theory (long run)', value: ms(mm1LatencyMs(HOCKEY_STICK_SERVER, percent / 100, 0.99)) },
    { key: 'theoryMean', label: 'Mean in M/M/1 theory (long run)', value: `${mm1LatencyMs(HOCKEY_STICK_SERVER, percent / 100, 'mean').toFixed(1)} ms` },
  ];
  return {
    percent,
    point,
    rows,
    summary: `At ${percent}% utilisation: p50 ${ms(point.p50Ms)}, p99 ${ms(point.p99Ms)}; ${point.meanInFlight.toFixed(2)} requests in flight, and throughput times mean latency gives ${little.toFixed(2)}.`,
    note: `One simulated server, one worker, about 10 ms of work per request; random arrivals for ${SLIDER_RUN_MS / 1000} s of virtual time (seed ${SLIDER_SEED}), measured from ${point.fromMs} to ${point.toMs} ms, a window that starts and ends with no request in flight. One run this short reads low near full load, where the queue swings slowly: the theory rows give the long-run values.`,
  };
}

/** The slider's spoken value: the utilisation and the arrival rate it means. */
export function valueText(percent: number): string {
  return `${percent}%, ${Math.round(rateForUtilisation(HOCKEY_STICK_SERVER, percent / 100))} requests per second`;
}
