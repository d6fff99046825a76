/** The learner's unfinished code, one draft per exercise. Drafts are only ever loaded into an editor, never run. */
import { readState, updateState } from './store.ts';
import type { Draft } from './stored-state.ts';

export function loadDraft(exerciseId: string): Draft | undefined {
  return readState().drafts[exerciseId];
}

export function saveDraft(exerciseId: string, starterHash: string, code: string): void {
  updateState((state) => {
    state.drafts[exerciseId] = { starterHash, code, savedAt: Date.now() };
  });
}

export function discardDraft(exerciseId: string): void {
  updateState((state) => {
    delete state.drafts[exerciseId];
  });
}
