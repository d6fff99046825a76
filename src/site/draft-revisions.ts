/**
 * The rule for two tabs on one exercise: a tab saves its draft only over the revision it last loaded or saved.
 * If another tab has saved a newer revision with different code since, nothing is written: the tab is told,
 * and the learner chooses (load the other tab's draft, or keep their own, which then saves over it on purpose).
 */
import type { Draft } from './stored-state.ts';

export type DraftPlan =
  | { kind: 'write'; draft: Draft }
  | { kind: 'unchanged'; revision: number }
  | { kind: 'conflict'; theirs: Draft };

export interface DraftChange {
  starterHash: string;
  code: string;
  /** The revision this tab last loaded or saved; 0 if it started from the starter. */
  baseRevision: number;
  /** The learner chose to keep this tab's code over a newer draft from another tab. */
  overwrite?: boolean;
}

export function planDraftSave(stored: Draft | undefined, change: DraftChange, now: number): DraftPlan {
  if (stored && stored.code === change.code && stored.starterHash === change.starterHash) {
    return { kind: 'unchanged', revision: stored.revision };
  }
  if (stored && stored.revision > change.baseRevision && !change.overwrite) return { kind: 'conflict', theirs: stored };
  const revision = Math.max(stored?.revision ?? 0, change.baseRevision) + 1;
  return { kind: 'write', draft: { starterHash: change.starterHash, code: change.code, savedAt: now, revision } };
}
