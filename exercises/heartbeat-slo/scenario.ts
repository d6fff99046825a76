/**
 * Choosing heartbeat settings against a detection deadline, for lesson 09: an active node A sends a heartbeat
 * to a standby S every `intervalMs` over a link with jitter, and S takes over once the silence is longer than
 * `missedBeats × intervalMs`. A freezes in garbage-collection pauses — alive, but silent — and later crashes,
 * so a tolerance too short fails over while A is alive and one too long misses the deadline.
 *
 * The story is lesson 09's paused heartbeats (src/scenarios/paused-heartbeats.ts): the link's delay is drawn
 * uniformly from `DELAY_MS`, each of the `PAUSES` pauses (up to `PAUSE_MS.max` long) begins a few milliseconds
 * before A's next heartbeat is due, and the crash comes 1 ms after a heartbeat went out. S runs the fixed rule
 * of lesson 09's heartbeat tuner (`silenceMonitor`), consulted every `CHECK_EVERY_MS`.
 */
import { silenceMonitor } from '../../src/scenarios/active-passive.ts';
import { longestAliveSilence as longestSilence, pausedHeartbeatRun, pausedHeartbeatStory, type PausedHeartbeatRun } from '../../src/scenarios/paused-heartbeats.ts';

/** What the learner chooses. */
export interface HeartbeatSettings {
  readonly intervalMs: number;
  readonly missedBeats: number;
}

/** One-way delay of a heartbeat, drawn uniformly (whole ms, both ends included). */
export const DELAY_MS = { min: 5, max: 45 } as const;
/** How long a garbage-collection pause of the active lasts. */
export const PAUSE_MS = { min: 270, max: 300 } as const;
/** A pause begins this many ms (drawn, at most) before the active's next heartbeat is due. */
export const PAUSE_LEAD_MS = 10;
/** The crash must be detected — S must take over — within this many ms. */
export const DEADLINE_MS = 700;
/** At most this many heartbeats in any `BUDGET_WINDOW_MS`. */
export const BUDGET_BEATS = 8;
export const BUDGET_WINDOW_MS = 1000;

export interface HeartbeatRun extends PausedHeartbeatRun {
  readonly settings: HeartbeatSettings;
}

/**
 * Where the story's windows open: the first pause's at `FIRST_WINDOW_MS` (after a first second without
 * pauses, so an interval too short for the budget always shows in it), each next one `WINDOW_GAP_MS` plus
 * an interval later (so a pause, which ends at most an interval and `PAUSE_MS.max` after its window opens,
 * is over before the next window), and the crash's after the last pause's. The draws move each window by up
 * to `WINDOW_SPREAD_MS`.
 */
const FIRST_WINDOW_MS = 1100;
const WINDOW_GAP_MS = 650;
const WINDOW_SPREAD_MS = 300;
export const PAUSES = 4;

/** Runs the story once with these settings (whole numbers: the tests check them first). */
export function heartbeatRun(settings: HeartbeatSettings, seed: number): HeartbeatRun {
  const { intervalMs, missedBeats } = settings;
  const run = pausedHeartbeatRun(
    {
      intervalMs,
      delayMs: DELAY_MS,
      windows: PAUSES,
      pauses: PAUSES,
      pauseMs: PAUSE_MS,
      pauseLeadMs: PAUSE_LEAD_MS,
      firstWindowMs: FIRST_WINDOW_MS,
      windowGapMs: WINDOW_GAP_MS + intervalMs,
      windowSpreadMs: WINDOW_SPREAD_MS,
      afterCrashMs: DEADLINE_MS + 100,
      stream: 'heartbeat-story',
      monitor: (now) => silenceMonitor(intervalMs, missedBeats, now),
    },
    seed,
  );
  return { ...run, settings };
}

/** The longest silence S sat through while A was alive: between two heartbeats (or the start and the first) received before the crash. */
export function longestAliveSilence(run: HeartbeatRun): { fromMs: number; toMs: number } {
  return longestSilence(run);
}

/** The first window of `BUDGET_WINDOW_MS` holding the most heartbeats A sent: where it starts and how many. */
export function busiestSecond(sent: readonly number[]): { fromMs: number; beats: number } {
  let busiest = { fromMs: 0, beats: 0 };
  let first = 0;
  for (let last = 0; last < sent.length; last++) {
    while (sent[last]! - sent[first]! >= BUDGET_WINDOW_MS) first += 1;
    if (last - first + 1 > busiest.beats) busiest = { fromMs: sent[first]!, beats: last - first + 1 };
  }
  return busiest;
}

/**
 * The story of a run up to `untilMs`, for a failure: the pauses and the crash from `sinceMs` on, the last
 * heartbeats S received by then, and S's take-over if it happened by then.
 */
export function heartbeatStory(run: HeartbeatRun, untilMs: number, sinceMs = 0, heartbeats = 4): string[] {
  const takeover = `the silence since the last heartbeat is longer than ${run.settings.missedBeats} × ${run.settings.intervalMs} ms`;
  return pausedHeartbeatStory(run, takeover, untilMs, sinceMs, heartbeats);
}
