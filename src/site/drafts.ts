/** The learner's unfinished code, one draft per exercise. Drafts are only ever loaded into an editor, never run. */
import type { WriteOutcome } from './state-store.ts';
import type { Draft, StoredState } from './stored-state.ts';

/** Where one exercise's draft sync reads and writes drafts; `write` and `discard` say whether the write was stored. */
export interface DraftStore {
  load(exerciseId: string): Draft | undefined;
  write(exerciseId: string, draft: Draft): WriteOutcome;
  discard(exerciseId: string): WriteOutcome;
}

/** The drafts inside a stored state that `read` returns and `write` stores whole (the page's store, or a test's). */
export function draftsIn(read: () => StoredState, write: (state: StoredState) => WriteOutcome): DraftStore {
  const change = (edit: (state: StoredState) => void): WriteOutcome => {
    const state = read();
    edit(state);
    return write(state);
  };
  return {
    load: (exerciseId) => read().drafts[exerciseId],
    write: (exerciseId, draft) =>
      change((state) => {
        state.drafts[exerciseId] = draft;
      }),
    discard: (exerciseId) =>
      change((state) => {
        delete state.drafts[exerciseId];
      }),
  };
}
