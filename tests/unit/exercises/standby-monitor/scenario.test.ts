import { describe, expect, it } from 'vitest';
import {
  CALM,
  INTERVAL_MS,
  NETWORKS,
  PAUSES,
  PAUSE_MS,
  PAUSING,
  SETTLING,
  longestAliveSilence,
  standbyRun,
  standbyStory,
  type Monitor,
  type Network,
} from '../../../../exercises/standby-monitor/scenario.ts';
import { StandbyMonitor } from '../../../../exercises/standby-monitor/solution.ts';

const SEEDS = [1, 2, 3, 4];
const reference = (intervalMs: number, now: number): Monitor => new StandbyMonitor(intervalMs, now);
/** A fixed timeout: take over once the silence is longer than `timeoutMs`. */
const fixed =
  (timeoutMs: number) =>
  (_intervalMs: number, now: number): Monitor => {
    let last = now;
    return { heartbeat: (at) => void (last = at), shouldTakeOver: (at) => at - last > timeoutMs };
  };
const falseFailOver = (network: Network, timeoutMs: number, seed: number) => {
  const run = standbyRun(network, fixed(timeoutMs), seed);
  return run.takeoverAtMs !== null && run.takeoverAtMs < run.crashAtMs;
};
const missesDeadline = (network: Network, timeoutMs: number, seed: number) => {
  const run = standbyRun(network, fixed(timeoutMs), seed);
  return run.takeoverAtMs === null || run.takeoverAtMs > run.crashAtMs + network.deadlineMs;
};

describe('standby-monitor scenario', () => {
  it('freezes the active four times on the pausing network and once on the settling one, each pause just before a heartbeat was due, and crashes it 1 ms after a heartbeat on all three', () => {
    for (const seed of SEEDS) {
      const calm = standbyRun(CALM, reference, seed);
      expect(calm.pauses).toHaveLength(0);
      const run = standbyRun(PAUSING, reference, seed);
      expect(run.pauses).toHaveLength(PAUSES);
      // Pauses of 430–450 ms (the shared story's own test checks how each begins), at least one in every 2000 ms,
      // the first within the first second.
      const starts = [0, ...run.pauses.map((pause) => pause.atMs), run.crashAtMs];
      expect(starts.slice(1).map((at, k) => at - starts[k]!).every((gap) => gap < 2000)).toBe(true);
      expect(run.pauses.every((pause) => pause.resumeAtMs - pause.atMs >= PAUSE_MS.min && pause.resumeAtMs - pause.atMs <= PAUSE_MS.max)).toBe(true);
      expect(run.pauses[0]!.atMs).toBeLessThan(1000);
      const settling = standbyRun(SETTLING, reference, seed);
      expect(settling.pauses).toHaveLength(1);
      expect(settling.pauses[0]!.atMs).toBeLessThan(1000);
      expect(settling.crashAtMs - settling.pauses[0]!.resumeAtMs).toBeGreaterThan(4000);
      for (const r of [calm, run, settling]) expect(r.sent.at(-1)).toBe(r.crashAtMs - 1);
    }
  });

  it('the reference monitor never fails over falsely and meets both deadlines with a margin of at least 50 ms', () => {
    for (const network of NETWORKS) {
      for (const seed of SEEDS) {
        const run = standbyRun(network, reference, seed);
        expect(run.takeoverAtMs).not.toBeNull();
        expect(run.takeoverAtMs!).toBeGreaterThan(run.crashAtMs);
        expect(run.takeoverAtMs! - run.crashAtMs).toBeLessThanOrEqual(network.deadlineMs - 50);
      }
    }
  });

  // A fixed timeout's take-overs depend only on the heartbeats S hears, and those do not depend on S: a longer
  // timeout takes over later (or not at all), a shorter one sooner. So if the longest timeout that meets the
  // calm network's deadline on every seed fails over falsely on the pausing network, every shorter one does
  // too, and every longer one misses the calm deadline: no fixed timeout passes both.
  it('no fixed timeout passes both networks: the longest fast enough for the calm network takes a pause for a crash', () => {
    // Binary search for the longest timeout that meets the calm deadline on every seed (by the monotony above).
    let [fastest, tooSlow] = [INTERVAL_MS, CALM.deadlineMs];
    expect(SEEDS.some((seed) => missesDeadline(CALM, fastest, seed))).toBe(false);
    expect(SEEDS.some((seed) => missesDeadline(CALM, tooSlow, seed))).toBe(true);
    while (tooSlow - fastest > 1) {
      const middle = Math.floor((fastest + tooSlow) / 2);
      if (SEEDS.some((seed) => missesDeadline(CALM, middle, seed))) tooSlow = middle;
      else fastest = middle;
    }
    expect(fastest).toBeGreaterThanOrEqual(2 * INTERVAL_MS);
    expect(SEEDS.some((seed) => missesDeadline(CALM, fastest + 1, seed))).toBe(true);
    expect(SEEDS.filter((seed) => falseFailOver(PAUSING, fastest, seed))).toEqual(SEEDS);
    // And the pausing network's silences are far longer than that timeout: it is not a near miss.
    for (const seed of SEEDS) {
      const silence = longestAliveSilence(standbyRun(PAUSING, reference, seed));
      expect(silence.toMs - silence.fromMs).toBeGreaterThan(fastest + 150);
    }
  });

  it('a monitor that never forgets a pause misses the settling network\'s deadline', () => {
    for (const seed of SEEDS) expect(missesDeadline(SETTLING, 1.5 * (PAUSE_MS.max + INTERVAL_MS), seed)).toBe(true);
  });

  it('tells the story of a false fail-over: the pause, the last heartbeats and the take-over', () => {
    const run = standbyRun(PAUSING, fixed(3 * INTERVAL_MS), 1);
    expect(run.takeoverAtMs).not.toBeNull();
    const story = standbyStory(run, run.takeoverAtMs!);
    expect(story.some((line) => line.includes('A paused'))).toBe(true);
    expect(story.filter((line) => line.includes('heartbeat #'))).toHaveLength(4);
    expect(story.at(-1)).toContain(`t=${run.takeoverAtMs}ms  S takes over`);
  });
});
