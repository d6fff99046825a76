/**
 * What the heartbeat tuner shows, shared by its build-time render (HeartbeatTuner.astro) and its custom
 * element (heartbeat-tuner-element.ts): for one heartbeat interval and missed-beat threshold, lesson 09's
 * active-passive pair run twice per seed — once with the active crashing (how long until the standby takes
 * over?) and once on a jittery network where the active never crashes (does the standby take over anyway?).
 * Pure: it runs in Node at build time and in the page.
 */
import { barChart } from '../../figures/bar-chart.ts';
import type { Figure } from '../../figures/figure.ts';
import { Rng } from '../../sim/index.ts';
import { silenceMonitor, standbyRun } from '../../scenarios/active-passive.ts';

export const INTERVAL_MIN_MS = 50;
export const INTERVAL_MAX_MS = 500;
export const INTERVAL_STEP_MS = 50;
export const MISSED_MIN = 1;
export const MISSED_MAX = 6;
export const TUNER_SEEDS = [1, 2, 3, 4, 5] as const;
/** Not a multiple of any interval, so the crash falls between two heartbeats. */
const CRASH_AT_MS = 2_037;
const JITTER_RUN_MS = 12_000;

export type TunerStat = 'tolerance' | 'meanDetection' | 'maxDetection' | 'falseRuns';

export interface TunerRow {
  readonly key: TunerStat;
  readonly label: string;
  readonly value: string;
}

export interface TunerReading {
  readonly intervalMs: number;
  readonly missed: number;
  readonly rows: readonly TunerRow[];
  readonly perSeed: readonly { readonly seed: number; readonly detectionMs: number; readonly falseAtMs: number | null }[];
  readonly chart: Figure;
  readonly summary: string;
}

/** Delay spikes on the network, the same for every setting of a seed: 300 ms each, 20–300 ms extra. */
export function jitterSpikes(seed: number): { atMs: number; extraMs: number; durationMs: number }[] {
  const rng = Rng.fromSeed(seed).fork('heartbeat-jitter');
  return Array.from({ length: 4 }, (_, k) => ({ atMs: 1_000 + 2_500 * k + rng.int(0, 400), extraMs: rng.int(20, 300), durationMs: 300 }));
}

export function readTunerAt(intervalMs: number, missed: number): TunerReading {
  const perSeed = TUNER_SEEDS.map((seed) => {
    const crash = standbyRun({ monitor: silenceMonitor, intervalMs, missed, crashAtMs: CRASH_AT_MS, runMs: CRASH_AT_MS + (missed + 2) * intervalMs + 100 }, seed);
    const jitter = standbyRun({ monitor: silenceMonitor, intervalMs, missed, spikes: jitterSpikes(seed), runMs: JITTER_RUN_MS }, seed);
    // A take-over before the crash is a false fail-over too: the threshold is tighter than the normal jitter.
    const early = crash.takeoverAtMs !== null && crash.takeoverAtMs < CRASH_AT_MS;
    return { seed, detectionMs: early ? 0 : crash.takeoverAtMs! - CRASH_AT_MS, falseAtMs: early ? crash.takeoverAtMs : jitter.takeoverAtMs };
  });
  const detected = perSeed.filter((s) => s.detectionMs > 0);
  const detections = perSeed.map((s) => s.detectionMs);
  const mean = detected.length === 0 ? null : Math.round(detected.reduce((sum, s) => sum + s.detectionMs, 0) / detected.length);
  const max = detected.length === 0 ? null : Math.max(...detected.map((s) => s.detectionMs));
  const ms = (value: number | null) => (value === null ? 'none: it took over before the crash' : `${value} ms`);
  const falseRuns = perSeed.filter((s) => s.falseAtMs !== null).length;
  const rows: TunerRow[] = [
    { key: 'tolerance', label: 'Silence tolerated (interval × missed beats)', value: `${intervalMs * missed} ms` },
    { key: 'meanDetection', label: 'Time from crash to take-over (mean)', value: ms(mean) },
    { key: 'maxDetection', label: 'Time from crash to take-over (worst)', value: ms(max) },
    { key: 'falseRuns', label: 'Runs with a false fail-over (take-over while the active was alive)', value: `${falseRuns} of ${TUNER_SEEDS.length}` },
  ];
  const chart = barChart({
    title: `Crash to take-over, heartbeats every ${intervalMs} ms, ${missed} missed tolerated`,
    x: { label: 'seed', categories: perSeed.map((s) => `seed ${s.seed}${s.falseAtMs === null ? '' : ' (false fail-over)'}`) },
    y: { label: 'crash to take-over (ms)', min: 0 },
    series: [{ name: 'crash to take-over (ms; 0: took over before the crash)', values: detections }],
    height: 240,
  });
  return {
    intervalMs,
    missed,
    rows,
    perSeed,
    chart,
    summary: `Heartbeats every ${intervalMs} ms, ${missed} missed tolerated: ${mean === null ? 'the standby took over before the crash in every run' : `take-over ${mean} ms after a crash on average (worst ${max} ms)`}; false fail-overs in ${falseRuns} of ${TUNER_SEEDS.length} runs.`,
  };
}

export const intervalValueText = (ms: number) => `every ${ms} milliseconds`;
export const missedValueText = (n: number) => `${n} missed ${n === 1 ? 'beat' : 'beats'}`;
