/**
 * The reference decisions for the replicated register (./replicated-register.ts), for scaffolds that need
 * a working register rather than the learner's: the quorum exercise, lesson 06's figure and its
 * partition toggle. Learners write their own `decide` and `lwwMerge` in the CAP exercise.
 */
import type { ConsistencyMode, DecideFn, MergeFn } from './replicated-register.ts';

/** Last writer wins: the later timestamp, and on a tie the larger writer id, in either argument order. */
export const lastWriterWins: MergeFn = (a, b) => {
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  return a.writer >= b.writer ? a : b;
};

/** CP serves through a majority or refuses at once; AP always serves from the local copy. */
export const decideByMode: DecideFn = (_op, mode: ConsistencyMode, reachable, n) => {
  if (mode === 'AP') return 'local';
  return reachable > n / 2 ? 'quorum' : 'reject';
};
