/** What the warm grader (`warm-grader.ts`) and its many-run grading child (`grading-child.ts`) say to each other. */
import type { RunResult } from '../runner/contract.ts';
import type { ExerciseExport } from '../course/exercise-json.ts';

export type WarmGraderRequest =
  /** The first message: the exercise to grade, and the reference solution the child warms up on. */
  | {
      readonly kind: 'setup';
      readonly exerciseId: string;
      /** file: URL of the exercise's hidden tests. */
      readonly testsUrl: string;
      readonly exports: readonly ExerciseExport[];
      readonly warmUpSolution: string;
    }
  /** Every later message: one module to grade. */
  | { readonly kind: 'grade'; readonly source: string; readonly stopAtFirstFailure: boolean };

export type WarmGraderMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: RunResult };
