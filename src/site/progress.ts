/** Which exercises the learner has solved (every test passed at least once). */
import { readState, updateState } from './store.ts';

export function isSolved(exerciseId: string): boolean {
  return exerciseId in readState().solved;
}

export function markSolved(exerciseId: string): void {
  if (isSolved(exerciseId)) return;
  updateState((state) => {
    state.solved[exerciseId] = { solvedAt: Date.now() };
  });
}

export { onStateChange as onProgressChange } from './store.ts';
