/**
 * What the partition toggle shows, shared by its build-time render (PartitionToggle.astro) and its custom
 * element (partition-toggle-element.ts): the lesson-06 register run in CP and in AP mode with the same
 * seed, read for one phase — healthy, partitioned, or healed — as rows, a chart and a sentence. Pure: it
 * runs in Node at build time and in the page.
 */
import type { Figure } from '../../figures/figure.ts';
import { barChart } from '../../figures/bar-chart.ts';
import { staleReads } from '../../testkit/checkers/index.ts';
import { PHASE_WINDOWS, TIMELINE_REPLICAS, partitionTimeline, type TimelinePhase } from '../../scenarios/partition-timeline.ts';
import type { ConsistencyMode, Versioned } from '../../scenarios/replicated-register.ts';

export const FIRST_SEED = 11;
export const MODES: readonly ConsistencyMode[] = ['CP', 'AP'];

/** The toggle's state: which phase is shown, and which seed the current partition was run with. */
export interface ToggleState {
  readonly phase: TimelinePhase;
  readonly seed: number;
}

export const INITIAL_STATE: ToggleState = Object.freeze({ phase: 'healthy', seed: FIRST_SEED });

/** Pressing the toggle partitions the network; releasing it heals it. Each new partition is a new run (next seed). */
export function toggle(state: ToggleState): ToggleState {
  switch (state.phase) {
    case 'healthy':
      return { phase: 'partitioned', seed: state.seed };
    case 'partitioned':
      return { phase: 'healed', seed: state.seed };
    case 'healed':
      return { phase: 'partitioned', seed: state.seed + 1 };
  }
}

export const isPartitioned = (state: ToggleState): boolean => state.phase === 'partitioned';

export interface ModeReading {
  readonly mode: ConsistencyMode;
  readonly requests: number;
  readonly answered: number;
  /** Refused with an error at once: how CP gives up availability. */
  readonly refused: number;
  /** No reply before the client gave up. */
  readonly unanswered: number;
  /** Reads that missed a write acknowledged before they began. */
  readonly stale: number;
  /** Each replica's value at the end of the phase. */
  readonly values: readonly { readonly replica: string; readonly value: string }[];
  readonly agree: boolean;
}

export type RowKey = 'answered' | 'refused' | 'unanswered' | 'stale' | 'values' | 'agree';

export interface ToggleRow {
  readonly key: RowKey;
  readonly label: string;
  /** One cell per mode, in the order of {@link MODES}. */
  readonly cells: readonly string[];
}

export interface ToggleReading {
  readonly state: ToggleState;
  readonly modes: readonly ModeReading[];
  readonly heading: string;
  readonly rows: readonly ToggleRow[];
  readonly chart: Figure;
  /** One sentence for screen readers, announced after each toggle. */
  readonly summary: string;
}

const valueOf = (version: Versioned | undefined): string => (version === undefined || version.writer === '' ? 'nothing yet' : String(version.value));

export function readMode(mode: ConsistencyMode, state: ToggleState): ModeReading {
  const run = partitionTimeline(mode, state.seed);
  const { fromMs, toMs } = PHASE_WINDOWS[state.phase];
  const inWindow = run.history.filter((op) => op.invokedAt >= fromMs && op.invokedAt < toMs);
  const count = (outcome: string) => inWindow.filter((op) => op.outcome === outcome).length;
  const snapshot = run.snapshots[state.phase];
  const values = TIMELINE_REPLICAS.map((replica) => ({ replica, value: valueOf(snapshot[replica]) }));
  return {
    mode,
    requests: inWindow.length,
    answered: count('ok'),
    refused: count('fail'),
    unanswered: count('unknown'),
    stale: staleReads(run.history).filter(({ read }) => read.invokedAt >= fromMs && read.invokedAt < toMs).length,
    values,
    agree: values.every(({ value }) => value === values[0]!.value),
  };
}

const HEADINGS: Readonly<Record<TimelinePhase, string>> = {
  healthy: 'Before the partition',
  partitioned: 'During the partition {A, B} | {C}',
  healed: 'After the heal',
};

export function readState(state: ToggleState): ToggleReading {
  const { fromMs, toMs } = PHASE_WINDOWS[state.phase];
  const modes = MODES.map((mode) => readMode(mode, state));
  const [cp, ap] = modes as [ModeReading, ModeReading];
  const of = (pick: (m: ModeReading) => number) => modes.map((m) => `${pick(m)} of ${m.requests}`);
  const rows: ToggleRow[] = [
    { key: 'answered', label: 'Requests answered', cells: of((m) => m.answered) },
    { key: 'refused', label: 'Refused with an error', cells: of((m) => m.refused) },
    { key: 'unanswered', label: 'No answer in time', cells: of((m) => m.unanswered) },
    { key: 'stale', label: 'Stale reads', cells: modes.map((m) => String(m.stale)) },
    { key: 'values', label: `Values held by ${TIMELINE_REPLICAS.join(' / ')} at the end`, cells: modes.map((m) => m.values.map((v) => v.value).join(' / ')) },
    { key: 'agree', label: 'Replicas agree', cells: modes.map((m) => (m.agree ? 'yes' : 'no')) },
  ];
  const chart = barChart({
    title: `${HEADINGS[state.phase]}, ${fromMs}–${toMs} ms: CP and AP side by side (seed ${state.seed})`,
    x: { label: 'requests', categories: ['answered', 'refused', 'no answer', 'stale reads'] },
    y: { label: 'count' },
    series: modes.map((m) => ({ name: m.mode, values: [m.answered, m.refused, m.unanswered, m.stale] })),
  });
  const agreement = (m: ModeReading) => (m.agree ? 'replicas agree' : 'replicas disagree');
  return {
    state,
    modes,
    heading: `${HEADINGS[state.phase]} (${fromMs}–${toMs} ms, seed ${state.seed})`,
    rows,
    chart,
    summary: `${HEADINGS[state.phase]}: CP answered ${cp.answered} of ${cp.requests} requests, refused ${cp.refused}, ${cp.stale} stale reads, ${agreement(cp)}. AP answered ${ap.answered} of ${ap.requests}, refused ${ap.refused}, ${ap.stale} stale reads, ${agreement(ap)}.`,
  };
}
