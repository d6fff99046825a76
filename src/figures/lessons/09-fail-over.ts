/**
 * Lesson 09's figures, from real runs of the active-passive scenario: an active A that pauses (alive but
 * silent), a standby S that takes over with a newer epoch, and a storage node D. Without fencing, A wakes up
 * and its queued write lands after S's — split brain. With fencing, D refuses A's old epoch and A steps down.
 */
import type { Figure } from '../figure.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { epochFencedStore, firstSplitBrainWrite, splitBrainRun, unfencedStore } from '../../scenarios/active-passive.ts';

export function splitBrainTimeline(fenced: boolean, seed = 1): Figure {
  const run = splitBrainRun({ store: fenced ? epochFencedStore : unfencedStore }, seed);
  const split = firstSplitBrainWrite(run.accepted);
  const title = fenced
    ? `With fencing: D refuses A's epoch-1 write after S's epoch 2, and A steps down (${run.refused.length} write refused, seed ${seed})`
    : `Without fencing: D accepts A's epoch-1 write at ${split?.stale.atMs ?? '?'} ms, after S's epoch-2 writes — split brain (seed ${seed})`;
  return spaceTimeDiagram(run.sim.trace.events(), {
    title,
    history: run.history,
    lanes: ['c1', 'A', 'D', 'S', 'c2'],
    fromMs: run.pause.atMs - 40,
    toMs: run.pause.resumeAtMs + 120,
  });
}

/** The numbers the split-brain captions quote, from the same run as the figure. */
export function splitBrainFacts(fenced: boolean, seed = 1): { readonly pausedFromMs: number; readonly resumedAtMs: number; readonly oldEpoch: number; readonly newEpoch: number } {
  const run = splitBrainRun({ store: fenced ? epochFencedStore : unfencedStore }, seed);
  const epochs = run.accepted.map((write) => write.epoch);
  return { pausedFromMs: run.pause.atMs, resumedAtMs: run.pause.resumeAtMs, oldEpoch: Math.min(...epochs), newEpoch: Math.max(...epochs) };
}
