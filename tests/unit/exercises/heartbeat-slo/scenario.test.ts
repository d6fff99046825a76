import { describe, expect, it } from 'vitest';
import {
  BUDGET_BEATS,
  DEADLINE_MS,
  PAUSES,
  PAUSE_LEAD_MS,
  PAUSE_MS,
  busiestSecond,
  heartbeatRun,
  heartbeatStory,
  longestAliveSilence,
  type HeartbeatSettings,
} from '../../../../exercises/heartbeat-slo/scenario.ts';
import * as Reference from '../../../../exercises/heartbeat-slo/solution.ts';

const SEEDS = [1, 2, 3, 4, 5];
const reference = Reference.heartbeatSettings();
const falseFailOver = (settings: HeartbeatSettings, seed: number) => {
  const run = heartbeatRun(settings, seed);
  return run.takeoverAtMs !== null && run.takeoverAtMs < run.crashAtMs;
};

describe('heartbeat-slo scenario', () => {
  it('freezes the active four times, each pause just before a heartbeat was due, then crashes it 1 ms after a heartbeat', () => {
    for (const intervalMs of [1, 125, 200, 3000]) {
      for (const seed of SEEDS) {
        const run = heartbeatRun({ intervalMs, missedBeats: 4 }, seed);
        expect(run.pauses).toHaveLength(PAUSES);
        for (const [k, pause] of run.pauses.entries()) {
          const length = pause.resumeAtMs - pause.atMs;
          expect(length).toBeGreaterThanOrEqual(PAUSE_MS.min);
          expect(length).toBeLessThanOrEqual(PAUSE_MS.max);
          // The last heartbeat before the pause was due again 1–PAUSE_LEAD_MS ms after the pause began (or the window opened then).
          const before = run.sent.filter((t) => t <= pause.atMs).at(-1)!;
          expect(before + intervalMs - pause.atMs).toBeLessThanOrEqual(PAUSE_LEAD_MS);
          // A wakes up and sends the heartbeat that came due while it was frozen.
          if (before + intervalMs < pause.resumeAtMs) expect(run.sent).toContain(pause.resumeAtMs);
          if (k > 0) expect(pause.atMs).toBeGreaterThan(run.pauses[k - 1]!.resumeAtMs);
        }
        expect(run.pauses.at(-1)!.resumeAtMs).toBeLessThan(run.crashAtMs);
        expect(run.sent.at(-1)).toBe(run.crashAtMs - 1);
        expect(run.sent.length).toBeGreaterThanOrEqual(run.received.length);
      }
    }
  });

  it('the reference settings meet all three parts of the objective on every seed', () => {
    for (const seed of SEEDS) {
      const run = heartbeatRun(reference, seed);
      expect(busiestSecond(run.sent).beats).toBeLessThanOrEqual(BUDGET_BEATS);
      expect(run.takeoverAtMs).not.toBeNull();
      expect(run.takeoverAtMs!).toBeGreaterThan(run.crashAtMs);
      expect(run.takeoverAtMs! - run.crashAtMs).toBeLessThanOrEqual(DEADLINE_MS);
      const silence = longestAliveSilence(run);
      expect(silence.toMs - silence.fromMs).toBeGreaterThanOrEqual(reference.intervalMs + 200);
    }
  });

  it('a tolerance that forgets the heartbeat due during a pause fails over falsely; one past the deadline detects too late', () => {
    expect(SEEDS.filter((seed) => falseFailOver({ intervalMs: 125, missedBeats: 3 }, seed))).toEqual(SEEDS);
    for (const seed of SEEDS) {
      const slow = heartbeatRun({ intervalMs: 200, missedBeats: 4 }, seed);
      // Not taken over by the end of the run (which lasts past the deadline) counts as too late.
      expect((slow.takeoverAtMs ?? slow.endMs + 1) - slow.crashAtMs).toBeGreaterThan(DEADLINE_MS);
    }
    // The first second has no pause: any interval under 125 ms puts 9 heartbeats or more in it.
    expect(busiestSecond(heartbeatRun({ intervalMs: 124, missedBeats: 4 }, 1).sent).beats).toBe(9);
  });

  it('counts the busiest window of heartbeats and the longest silence before the crash', () => {
    expect(busiestSecond([0, 125, 250, 999, 1000, 1100])).toEqual({ fromMs: 125, beats: 5 });
    expect(busiestSecond([])).toEqual({ fromMs: 0, beats: 0 });
    const run = heartbeatRun(reference, 1);
    const silence = longestAliveSilence(run);
    expect(run.received).toContain(silence.toMs);
    expect(silence.toMs).toBeLessThanOrEqual(run.crashAtMs);
  });

  it('tells a take-over as the pauses, the last heartbeats and the take-over', () => {
    const run = heartbeatRun({ intervalMs: 125, missedBeats: 3 }, 1);
    const story = heartbeatStory(run, run.takeoverAtMs!);
    expect(story.some((line) => line.includes('pause'))).toBe(true);
    expect(story.filter((line) => line.includes('heartbeat #')).length).toBe(4);
    expect(story.at(-1)).toContain('S takes over');
  });

  it('replays identically for a seed', () => {
    expect(heartbeatRun(reference, 3).sim.fingerprint()).toBe(heartbeatRun(reference, 3).sim.fingerprint());
    expect(heartbeatRun(reference, 3).sim.fingerprint()).not.toBe(heartbeatRun(reference, 4).sim.fingerprint());
  });
});
