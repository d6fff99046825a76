/**
 * Shows a failing test's recorded run in the exercise's run view. The view's code (the diagram renderer
 * among it) is fetched only here, the first time a result carries a run. "Replay this run" grades the
 * same code again with only that test, in a fresh worker: the run depends only on the code and the seed,
 * so it comes back the same.
 */
import type { RunResult, TestResult } from '../../runner/contract.ts';
import { t } from '../../i18n/ui.ts';
import { runExercise } from '../runner.ts';

/** What graded the result: replaying a run needs the same exercise, code and limit. */
export interface GradedCode {
  readonly exerciseId: string;
  readonly source: string;
  readonly timeLimitMs: number;
}

export async function showRun(container: HTMLElement, graded: GradedCode, test: TestResult): Promise<void> {
  let view: typeof import('./run-view.ts');
  try {
    view = await import('./run-view.ts');
  } catch (error) {
    const note = document.createElement('p');
    note.textContent = t('run.loadFailed', { message: error instanceof Error ? error.message : String(error) });
    container.replaceChildren(note);
    container.hidden = false;
    return;
  }
  view.renderRunView(container, test.name, test.run, {
    async replay() {
      const result: RunResult = await runExercise(graded.exerciseId, graded.source, graded.timeLimitMs, test.name);
      const again = result.tests.find((candidate) => candidate.name === test.name);
      if (again === undefined) throw new Error(result.message || 'the test did not run');
      return again.run === undefined ? { passed: again.status === 'pass' } : { passed: false, run: again.run };
    },
  });
}

/** After a run: the first recorded run is shown at once; without one, the view is cleared away. */
export function showFirstRun(container: HTMLElement, graded: GradedCode, result: RunResult): void {
  const first = result.tests.find((test) => test.run !== undefined);
  if (first === undefined) {
    container.hidden = true;
    container.replaceChildren();
    return;
  }
  void showRun(container, graded, first);
}
