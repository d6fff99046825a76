/**
 * One exercise's draft, kept in step with its editor and with other tabs, without the page around it (so it
 * can be tested in Node): the drafts, the clock and the editor's code are passed in. The exercise element
 * reports what happened — the editor opened, the learner typed, a save is due, another tab saved, the learner
 * chose — and shows what this answers.
 *
 * The phases:
 * - `opening`: the editor shows no code yet. `open()` says which code it starts with; a draft saved under an
 *   older starter waits for the learner (`keepStale()` or `discardStale()`). Nothing is saved, other tabs are
 *   not watched; `ready()` ends it.
 * - `clean`: the editor holds what is stored at `revision` (0: nothing is stored, the editor holds the starter).
 * - `edited`: the editor holds changes not stored yet; the next save writes them over `revision`.
 * - `conflict`: another tab saved a newer revision with different code (`theirs`). Nothing is saved until the
 *   learner chooses: their draft (`theirsToLoad()`, then `loadedTheirs()`) or this tab's code (`keepMine()`).
 *   `edited` is true while this tab's code is stored nowhere.
 *
 * Saves only ever write over the revision this tab knows (see draft-revisions.ts), so no tab silently
 * overwrites another's draft.
 */
import { planDraftSave } from './draft-revisions.ts';
import type { DraftStore } from './drafts.ts';
import type { WriteOutcome } from './state-store.ts';
import type { Draft } from './stored-state.ts';

export type DraftSyncState =
  | { phase: 'opening'; revision: number; stale?: Draft }
  | { phase: 'clean'; revision: number }
  | { phase: 'edited'; revision: number }
  | { phase: 'conflict'; revision: number; theirs: Draft; edited: boolean };

/** The code the editor opens with: the starter, the saved draft, or a draft of an older starter to ask about. */
export type Opening = { kind: 'starter' } | { kind: 'draft'; code: string } | { kind: 'stale'; code: string };

/** What a save did; `nothing`: there was nothing new to store, or a conflict holds saves back. */
export type SaveOutcome = 'saved' | 'nothing' | 'conflict' | Exclude<WriteOutcome, 'saved'>;

/** What another tab's save means here: nothing, this tab now knows it holds the same code, or a conflict. */
export type OtherTabOutcome = 'ignored' | 'caught-up' | 'conflict';

type Stored = { outcome: 'saved'; revision: number } | { outcome: 'conflict'; theirs: Draft } | { outcome: Exclude<WriteOutcome, 'saved'> };

export class DraftSync {
  readonly #exerciseId: string;
  readonly #starterHash: string;
  readonly #drafts: DraftStore;
  readonly #now: () => number;
  #state: DraftSyncState = { phase: 'opening', revision: 0 };
  #code: () => string = () => '';

  constructor(exercise: { id: string; starterHash: string }, drafts: DraftStore, now: () => number) {
    this.#exerciseId = exercise.id;
    this.#starterHash = exercise.starterHash;
    this.#drafts = drafts;
    this.#now = now;
  }

  get state(): DraftSyncState {
    return this.#state;
  }

  /** The editor holds code that is not stored (anywhere) yet. */
  get hasUnsavedCode(): boolean {
    const state = this.#state;
    return state.phase === 'edited' || (state.phase === 'conflict' && state.edited);
  }

  /** Which code the editor starts with. */
  open(): Opening {
    const draft = this.#drafts.load(this.#exerciseId);
    if (!draft) return { kind: 'starter' };
    if (draft.starterHash === this.#starterHash) {
      this.#state = { phase: 'opening', revision: draft.revision };
      return { kind: 'draft', code: draft.code };
    }
    this.#state = { phase: 'opening', revision: draft.revision, stale: draft };
    return { kind: 'stale', code: draft.code };
  }

  /** The learner keeps a draft of an older starter: it is stored under this starter, so they are not asked again. */
  keepStale(): void {
    const state = this.#state;
    if (state.phase !== 'opening' || !state.stale) return;
    const stored = this.#store(state.stale.code, { overwrite: false });
    // If the write fails, the next save tries again; if another tab saved meanwhile, that save finds the conflict.
    this.#state = { phase: 'opening', revision: stored.outcome === 'saved' ? stored.revision : state.revision };
  }

  /** The learner starts again from the current starter: the old draft is deleted. */
  discardStale(): void {
    const state = this.#state;
    if (state.phase !== 'opening' || !state.stale) return;
    this.#drafts.discard(this.#exerciseId);
    this.#state = { phase: 'opening', revision: 0 };
  }

  /** The editor shows the opening code; `code` reads what it holds from now on. */
  ready(code: () => string): void {
    if (this.#state.phase !== 'opening') return;
    this.#code = code;
    this.#state = { phase: 'clean', revision: this.#state.revision };
  }

  /** The editor's code changed (typing, or code put in by a button). */
  edited(): void {
    const state = this.#state;
    if (state.phase === 'clean') this.#state = { phase: 'edited', revision: state.revision };
    else if (state.phase === 'conflict') this.#state = { ...state, edited: true };
  }

  /** Stores the editor's code if it changed, unless another tab's newer draft is waiting for the learner. */
  save(): SaveOutcome {
    return this.#state.phase === 'edited' ? this.#saveCode({ overwrite: false }) : 'nothing';
  }

  /** Another tab changed the stored state: if it saved this exercise's draft, newer and different, the learner decides. */
  otherTabSaved(): OtherTabOutcome {
    const state = this.#state;
    if (state.phase === 'opening') return 'ignored';
    const theirs = this.#drafts.load(this.#exerciseId);
    if (!theirs || theirs.revision <= state.revision) return 'ignored';
    if (theirs.code === this.#code()) {
      // A conflict already shown stays until the learner answers it; either answer now stores nothing new.
      this.#state = state.phase === 'conflict' ? { ...state, revision: theirs.revision, edited: false } : { phase: 'clean', revision: theirs.revision };
      return 'caught-up';
    }
    this.#state = { phase: 'conflict', revision: state.revision, theirs, edited: state.phase === 'conflict' ? state.edited : state.phase === 'edited' };
    return 'conflict';
  }

  /** The other tab's draft to put in the editor: read again, since that tab may have saved once more meanwhile. */
  theirsToLoad(): Draft | undefined {
    if (this.#state.phase !== 'conflict') return undefined;
    return this.#drafts.load(this.#exerciseId) ?? this.#state.theirs;
  }

  /** The editor now holds `theirs` (from `theirsToLoad()`), exactly what is stored. */
  loadedTheirs(theirs: Draft): void {
    if (this.#state.phase !== 'conflict') return;
    this.#state = { phase: 'clean', revision: theirs.revision };
  }

  /** The learner keeps this tab's code: it is stored over the other tab's draft, on purpose. */
  keepMine(): SaveOutcome {
    const state = this.#state;
    if (state.phase !== 'conflict') return 'nothing';
    this.#state = { ...state, edited: true };
    return this.#saveCode({ overwrite: true });
  }

  #saveCode(options: { overwrite: boolean }): SaveOutcome {
    const revision = this.#state.revision;
    const stored = this.#store(this.#code(), options);
    switch (stored.outcome) {
      case 'saved':
        this.#state = { phase: 'clean', revision: stored.revision };
        return 'saved';
      case 'conflict':
        this.#state = { phase: 'conflict', revision, theirs: stored.theirs, edited: true };
        return 'conflict';
      default:
        return stored.outcome; // the state stays: the next save tries again, and the editor keeps the code
    }
  }

  #store(code: string, { overwrite }: { overwrite: boolean }): Stored {
    const change = { starterHash: this.#starterHash, code, baseRevision: this.#state.revision, overwrite };
    const plan = planDraftSave(this.#drafts.load(this.#exerciseId), change, this.#now());
    if (plan.kind === 'conflict') return { outcome: 'conflict', theirs: plan.theirs };
    if (plan.kind === 'unchanged') return { outcome: 'saved', revision: plan.revision };
    const outcome = this.#drafts.write(this.#exerciseId, plan.draft);
    return outcome === 'saved' ? { outcome, revision: plan.draft.revision } : { outcome };
  }
}
