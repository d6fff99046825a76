import { describe, expect, it } from 'vitest';
import {
  epochFencedStore, firstSplitBrainWrite, silenceMonitor, splitBrainRun, standbyRun, takeoverStory, unfencedStore, type AcceptedWrite,
} from '../../../src/scenarios/active-passive.ts';

const base = { monitor: silenceMonitor, intervalMs: 100, missed: 3, runMs: 2000 };

describe('an active-passive pair watching heartbeats', () => {
  it('takes over after the tolerated silence when the active crashes, and tells the story', () => {
    for (const seed of [1, 2, 3]) {
      const run = standbyRun({ ...base, crashAtMs: 1013 }, seed);
      expect(run.takeoverAtMs).toBeGreaterThan(1013 + 200);
      expect(run.takeoverAtMs).toBeLessThanOrEqual(1013 + 300 + 40);
      const story = takeoverStory(run);
      expect(story.some((line) => line.includes('A crashed'))).toBe(true);
      expect(story.at(-1)).toContain('I am active now');
    }
  });

  it('rides out late heartbeats that stay within the tolerance, but not a monitor that tolerates one beat', () => {
    const spikes = [{ atMs: 500, extraMs: 150, durationMs: 600 }];
    expect(standbyRun({ ...base, spikes }, 1).takeoverAtMs).toBeNull();
    expect(standbyRun({ ...base, missed: 1, spikes }, 1).takeoverAtMs).not.toBeNull();
  });

  it('without fencing, the paused active wakes up and writes after the new active: split brain', () => {
    const run = splitBrainRun({ store: unfencedStore }, 1);
    expect(run.takeoverAtMs).toBeGreaterThan(run.pause.atMs);
    expect(run.takeoverAtMs).toBeLessThan(run.pause.resumeAtMs);
    const split = firstSplitBrainWrite(run.accepted)!;
    expect(split.stale.writer).toBe('A');
    expect(split.stale.atMs).toBeGreaterThanOrEqual(run.pause.resumeAtMs);
    expect(split.newer.epoch).toBe(2);
  });

  it('with fencing, the old active is refused once and steps down; the new one always writes', () => {
    for (const seed of [1, 2, 3]) {
      const run = splitBrainRun({ store: epochFencedStore }, seed);
      expect(firstSplitBrainWrite(run.accepted)).toBeNull();
      expect(run.refused.map((w) => w.writer)).toEqual(['A']);
      const stepDown = run.history.filter((op) => op.client === 'c1' && op.invokedAt > run.pause.resumeAtMs + 50);
      expect(stepDown.every((op) => op.outcome === 'fail')).toBe(true);
    }
  });

  it('finds the first write from an older epoch after a newer one', () => {
    const w = (epoch: number, atMs: number): AcceptedWrite => ({ atMs, epoch, writer: epoch === 1 ? 'A' : 'S', key: 'x', value: String(atMs), op: atMs });
    expect(firstSplitBrainWrite([w(1, 1), w(1, 2), w(2, 3), w(2, 4)])).toBeNull();
    expect(firstSplitBrainWrite([w(1, 1), w(2, 3), w(1, 5)])).toEqual({ stale: w(1, 5), newer: w(2, 3) });
  });
});
