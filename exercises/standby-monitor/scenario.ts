/**
 * A standby watching an active's heartbeats on three networks, for lesson 09's adaptive failure detector: the
 * same active sends a heartbeat every `INTERVAL_MS`, and the standby S asks its monitor every `CHECK_EVERY_MS`
 * whether to take over. On the calm network heartbeats take 5–15 ms and nothing else happens; on the pausing
 * network they take 5–45 ms and the active freezes in garbage-collection pauses of up to `PAUSE_MS.max`; on
 * the settling network the active pauses once, early, and never again. No fixed timeout suits the first two:
 * one short enough for the calm network's deadline takes a pause for a crash, one long enough for the pauses
 * misses the calm network's deadline. A monitor must learn which network it is on — and, on the third, forget
 * a pause once the network has long been calm.
 *
 * The story is lesson 09's paused heartbeats (src/scenarios/paused-heartbeats.ts): each pause begins a few
 * milliseconds before a heartbeat was due, and the crash comes 1 ms after a heartbeat went out, in a window
 * that opens at the same moment on every network.
 */
import { pausedHeartbeatRun, pausedHeartbeatStory, type Monitor, type PausedHeartbeatRun } from '../../src/scenarios/paused-heartbeats.ts';

export { CHECK_EVERY_MS, longestAliveSilence, type Monitor } from '../../src/scenarios/paused-heartbeats.ts';
export type MonitorFactory = (intervalMs: number, now: number) => Monitor;

/** How often the active sends a heartbeat, on every network. */
export const INTERVAL_MS = 100;
/** How long a garbage-collection pause of the active lasts: just under its 450 ms bound. */
export const PAUSE_MS = { min: 430, max: 450 } as const;
/** A pause begins this many ms (drawn, at most) before the active's next heartbeat is due. */
export const PAUSE_LEAD_MS = 10;
/** The monitor must never take over after a silence of this many intervals or less, and always after more than `MAX_SILENCE_INTERVALS`. */
export const MIN_SILENCE_INTERVALS = 2;
export const MAX_SILENCE_INTERVALS = 10;

export interface Network {
  readonly id: 'calm' | 'pausing' | 'settling';
  /** How the tests name it. */
  readonly name: string;
  /** One-way delay of a heartbeat, drawn uniformly (whole ms, both ends included; first in, first out). */
  readonly delayMs: { readonly min: number; readonly max: number };
  /** How many times the active freezes in a pause of `PAUSE_MS` (in the first of the story's `PAUSES` windows). */
  readonly pauses: number;
  /** The crash must be detected — S must take over — within this many ms. */
  readonly deadlineMs: number;
}

export const PAUSES = 4;
export const CALM: Network = { id: 'calm', name: 'the calm network', delayMs: { min: 5, max: 15 }, pauses: 0, deadlineMs: 300 };
export const PAUSING: Network = { id: 'pausing', name: 'the pausing network', delayMs: { min: 5, max: 45 }, pauses: PAUSES, deadlineMs: 1000 };
export const SETTLING: Network = { id: 'settling', name: 'the settling network', delayMs: { min: 5, max: 45 }, pauses: 1, deadlineMs: 400 };
export const NETWORKS: readonly Network[] = [CALM, PAUSING, SETTLING];

/**
 * Where the story's windows open: every `WINDOW_GAP_MS` from `FIRST_WINDOW_MS`, each moved later by up to
 * `WINDOW_SPREAD_MS`, so an active that pauses freezes at least once in every 2000 ms, the first time within
 * the first second; the crash's window after `PAUSES` of them.
 */
const FIRST_WINDOW_MS = 600;
const WINDOW_GAP_MS = 1400;
const WINDOW_SPREAD_MS = 300;

export interface StandbyRun extends PausedHeartbeatRun {
  readonly network: Network;
}

/** Runs the story once on `network`, with S consulting the monitor `monitor` makes. */
export function standbyRun(network: Network, monitor: MonitorFactory, seed: number): StandbyRun {
  const run = pausedHeartbeatRun(
    {
      intervalMs: INTERVAL_MS,
      delayMs: network.delayMs,
      windows: PAUSES,
      pauses: network.pauses,
      pauseMs: PAUSE_MS,
      pauseLeadMs: PAUSE_LEAD_MS,
      firstWindowMs: FIRST_WINDOW_MS,
      windowGapMs: WINDOW_GAP_MS,
      windowSpreadMs: WINDOW_SPREAD_MS,
      afterCrashMs: network.deadlineMs + 100,
      stream: `standby-story-${network.id}`,
      monitor: (now) => monitor(INTERVAL_MS, now),
    },
    seed,
  );
  return { ...run, network };
}

/**
 * The story of a run up to `untilMs`, for a failure: the pauses and the crash from `sinceMs` on, the last
 * heartbeats S received by then, and S's take-over if it happened by then.
 */
export function standbyStory(run: StandbyRun, untilMs: number, sinceMs = 0): string[] {
  return pausedHeartbeatStory(run, 'its monitor said the active is gone', untilMs, sinceMs);
}
