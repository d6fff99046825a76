import { describe, expect, it } from 'vitest';
import { planDraftSave } from '../../../src/site/draft-revisions.ts';
import type { Draft } from '../../../src/site/stored-state.ts';

const stored = (code: string, revision: number): Draft => ({ starterHash: 'h', code, savedAt: 1, revision });

describe('planDraftSave', () => {
  it('writes the first draft as revision 1', () => {
    expect(planDraftSave(undefined, { starterHash: 'h', code: 'a', baseRevision: 0 }, 9)).toEqual({
      kind: 'write',
      draft: { starterHash: 'h', code: 'a', savedAt: 9, revision: 1 },
    });
  });

  it('writes over the revision this tab knows, counting up', () => {
    expect(planDraftSave(stored('a', 4), { starterHash: 'h', code: 'b', baseRevision: 4 }, 9)).toEqual({
      kind: 'write',
      draft: { starterHash: 'h', code: 'b', savedAt: 9, revision: 5 },
    });
  });

  it('does not write over a newer revision from another tab: it reports the conflict', () => {
    expect(planDraftSave(stored('theirs', 5), { starterHash: 'h', code: 'mine', baseRevision: 4 }, 9)).toEqual({
      kind: 'conflict',
      theirs: stored('theirs', 5),
    });
  });

  it('writes over it when the learner chose to keep their code', () => {
    expect(planDraftSave(stored('theirs', 5), { starterHash: 'h', code: 'mine', baseRevision: 4, overwrite: true }, 9)).toEqual({
      kind: 'write',
      draft: { starterHash: 'h', code: 'mine', savedAt: 9, revision: 6 },
    });
  });

  it('sees no conflict when the newer draft holds the same code', () => {
    expect(planDraftSave(stored('same', 5), { starterHash: 'h', code: 'same', baseRevision: 2 }, 9)).toEqual({ kind: 'unchanged', revision: 5 });
  });

  it('stores the same code again under a new starter hash', () => {
    expect(planDraftSave(stored('same', 2), { starterHash: 'new', code: 'same', baseRevision: 2 }, 9)).toMatchObject({ kind: 'write', draft: { starterHash: 'new', revision: 3 } });
  });
});
