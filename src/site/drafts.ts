/** The learner's unfinished code, one draft per exercise. Drafts are only ever loaded into an editor, never run. */
import { readState, updateState, type WriteOutcome } from './store.ts';
import { planDraftSave, type DraftChange } from './draft-revisions.ts';
import type { Draft } from './stored-state.ts';

export type DraftSave =
  | { outcome: 'saved'; revision: number }
  | { outcome: 'conflict'; theirs: Draft }
  | { outcome: Exclude<WriteOutcome, 'saved'> };

export function loadDraft(exerciseId: string): Draft | undefined {
  return readState().drafts[exerciseId];
}

export function saveDraft(exerciseId: string, change: DraftChange): DraftSave {
  const plan = planDraftSave(loadDraft(exerciseId), change, Date.now());
  if (plan.kind === 'conflict') return { outcome: 'conflict', theirs: plan.theirs };
  if (plan.kind === 'unchanged') return { outcome: 'saved', revision: plan.revision };
  const outcome = updateState((state) => {
    state.drafts[exerciseId] = plan.draft;
  });
  return outcome === 'saved' ? { outcome, revision: plan.draft.revision } : { outcome };
}

export function discardDraft(exerciseId: string): void {
  updateState((state) => {
    delete state.drafts[exerciseId];
  });
}
