import { describe, expect, it } from 'vitest';
import { longestAliveSilence, pausedHeartbeatRun, pausedHeartbeatStory, type Monitor, type PausedHeartbeatStory } from '../../../src/scenarios/paused-heartbeats.ts';

const never = (): Monitor => ({ heartbeat: () => {}, shouldTakeOver: () => false });
const always = (): Monitor => ({ heartbeat: () => {}, shouldTakeOver: () => true });
const story = (monitor: () => Monitor, pauses = 3): PausedHeartbeatStory => ({
  intervalMs: 100,
  delayMs: { min: 5, max: 45 },
  windows: 3,
  pauses,
  pauseMs: { min: 300, max: 320 },
  pauseLeadMs: 10,
  firstWindowMs: 500,
  windowGapMs: 1000,
  windowSpreadMs: 200,
  afterCrashMs: 500,
  stream: 'test-story',
  monitor,
});

describe('paused heartbeats', () => {
  it('sends and delivers the same heartbeats whatever the monitor decides, and records when S took over', () => {
    for (const seed of [1, 2, 3]) {
      const quiet = pausedHeartbeatRun(story(never), seed);
      const eager = pausedHeartbeatRun(story(always), seed);
      expect(eager.sent).toEqual(quiet.sent);
      expect(eager.received).toEqual(quiet.received);
      expect(eager.pauses).toEqual(quiet.pauses);
      expect(eager.crashAtMs).toBe(quiet.crashAtMs);
      expect(quiet.takeoverAtMs).toBeNull();
      expect(eager.takeoverAtMs).toBe(10);
    }
  });

  it('pauses in the first `pauses` windows only, and crashes in the same window however many there are', () => {
    const all = pausedHeartbeatRun(story(never, 3), 4);
    const one = pausedHeartbeatRun(story(never, 1), 4);
    expect(all.pauses).toHaveLength(3);
    expect(one.pauses).toEqual(all.pauses.slice(0, 1));
    // 1 ms after the heartbeat due next, which the pauses move by less than an interval.
    expect(Math.abs(one.crashAtMs - all.crashAtMs)).toBeLessThan(100);
    expect(all.sent.at(-1)).toBe(all.crashAtMs - 1);
    for (const pause of all.pauses) {
      expect(pause.resumeAtMs - pause.atMs).toBeGreaterThanOrEqual(300);
      expect(pause.resumeAtMs - pause.atMs).toBeLessThanOrEqual(320);
      // Begun 1–10 ms before a heartbeat was due; on waking A sends the one that came due while it was frozen.
      const before = all.sent.filter((t) => t <= pause.atMs).at(-1)!;
      expect(before + 100 - pause.atMs).toBeGreaterThanOrEqual(1);
      expect(before + 100 - pause.atMs).toBeLessThanOrEqual(10);
      expect(all.sent).toContain(pause.resumeAtMs);
    }
    const silence = longestAliveSilence(all);
    expect(silence.toMs - silence.fromMs).toBeGreaterThanOrEqual(100 + 300 - 10 - 40);
  });

  it('tells the pauses, the last heartbeats and the take-over in its story', () => {
    const run = pausedHeartbeatRun(story(() => {
      let last = 0;
      return { heartbeat: (now) => void (last = now), shouldTakeOver: (now) => now - last > 250 };
    }), 1);
    expect(run.takeoverAtMs).not.toBeNull();
    const lines = pausedHeartbeatStory(run, 'too long a silence', run.takeoverAtMs!);
    expect(lines.some((line) => line.includes('A paused'))).toBe(true);
    expect(lines.filter((line) => line.includes('heartbeat #'))).toHaveLength(4);
    expect(lines.at(-1)).toBe(`t=${run.takeoverAtMs}ms  S takes over: too long a silence`);
  });
});
