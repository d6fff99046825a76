import { describe, expect, it } from 'vitest';
import { checkLinearizable, registerModel } from '../../../../src/testkit/index.ts';
import { STORY, abdRun, type RegisterRules } from '../../../../exercises/abd-register/scenario.ts';
import * as Reference from '../../../../exercises/abd-register/solution.ts';

const SEEDS = [1, 2, 3, 4];
/** Majority reads that return the newest reply without writing it back. */
const lookOnly: RegisterRules = { newest: Reference.newest, read: (quorum) => quorum.query((replies) => quorum.reply(Reference.newest(replies).value)) };

const storyOf = (run: ReturnType<typeof abdRun>) => ({
  write: run.history.find((op) => op.invokedAt === STORY.write.atMs && op.client === STORY.write.client),
  first: run.history.find((op) => op.invokedAt === STORY.firstRead.atMs && op.client === STORY.firstRead.client),
  second: run.history.find((op) => op.invokedAt === STORY.secondRead.atMs && op.client === STORY.secondRead.client),
});

describe('abd register', () => {
  it('lets the scripted write reach A alone, and the reference reads return it at A and then at C', () => {
    for (const seed of SEEDS) {
      const run = abdRun(Reference, seed);
      const { write, first, second } = storyOf(run);
      expect(write?.outcome).toBe('unknown');
      const atFirstRead = run.replies.find((reply) => reply.startedMs > STORY.firstRead.atMs && reply.client === STORY.firstRead.client)!;
      expect(Object.values(atFirstRead.heldAtStart).map((v) => v.value === STORY.write.value)).toEqual([true, false, false]);
      expect([first?.output, second?.output]).toEqual([STORY.write.value, STORY.write.value]);
      expect(second!.invokedAt).toBeGreaterThan(first!.completedAt!);
      expect(run.history.filter((op) => op.f === 'read' && op.outcome === 'ok').length).toBeGreaterThan(5);
      expect(checkLinearizable(run.history, registerModel()).ok).toBe(true);
    }
  });

  it('without the write-back, the read at C returns the older value on every seed', () => {
    for (const seed of SEEDS) {
      const run = abdRun(lookOnly, seed);
      const { first, second } = storyOf(run);
      expect(first?.output).toBe(STORY.write.value);
      expect(second?.outcome).toBe('ok');
      expect(second?.output).not.toBe(STORY.write.value);
      expect(checkLinearizable(run.history, registerModel()).ok).toBe(false);
    }
  });

  it('replays identically for a seed', () => {
    expect(abdRun(Reference, 3).sim.fingerprint()).toBe(abdRun(Reference, 3).sim.fingerprint());
  });
});
