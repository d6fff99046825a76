/** What the Node host and its grading worker say to each other over their private port. */
import type { RunResult } from './contract.ts';
import type { ExerciseExport } from '../exercises/schema.ts';

export interface NodeWorkerData {
  readonly exerciseId: string;
  /** file: URL of the exercise's hidden tests. */
  readonly testsUrl: string;
  readonly source: string;
  readonly exports: readonly ExerciseExport[];
  /** The reference solution, when the worker should warm up on it first (see `prepareRealm`). */
  readonly warmUpSolution?: string;
  /** The only channel the host listens to; learner code never sees it. */
  readonly port: MessagePort;
}

export type NodeWorkerMessage =
  /** The hidden tests have loaded and the realm is locked; the wall-time budget starts now. */
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: RunResult };
