/** What the Node host and its grading child process say to each other over the child's IPC channel. */
import type { RunResult } from './contract.ts';
import type { ExerciseExport } from '../course/exercise-json.ts';

/** The one message the host sends: what to grade. */
export interface NodeGradeRequest {
  readonly exerciseId: string;
  /** file: URL of the exercise's hidden tests. */
  readonly testsUrl: string;
  readonly source: string;
  readonly exports: readonly ExerciseExport[];
  /** The reference solution, when the child should warm up on it first (see `prepareRealm`). */
  readonly warmUpSolution?: string;
}

export type NodeChildMessage =
  /** The hidden tests have loaded and the realm is sealed; the wall-time budget starts now. */
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: RunResult };
