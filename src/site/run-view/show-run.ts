/**
 * Shows a failing test's recorded run in the exercise's run view. The view's code (the diagram renderer
 * among it) is fetched only here, the first time a result carries a run. "Replay this run" grades the
 * same code again with only that test, in a fresh worker: the run depends only on the code and the seed,
 * so it comes back the same. "Copy link to this run" puts the exercise, test, seed and code in a link
 * (run-link.ts); opening one grades that code here and shows its run beside the learner's own code. Once an
 * editor is open, the view is also warmed up in idle time (warm-up.ts), unless a real run comes first.
 */
import type { RunResult, TestResult } from '../../runner/contract.ts';
import { t } from '../../i18n/ui.ts';
import { tRun } from '../../i18n/run-view-ui.ts';
import { runExercise } from '../runner.ts';
import type { RunLink } from './run-link.ts';
import type { RunViewActions } from './run-view.ts';
import { element } from '../dom.ts';
import { skipWarmUp } from './warm-up.ts';
import { runViewCode } from './run-view-code.ts';

export { warmUpRunView } from './warm-up.ts';

/** What graded the result: replaying a run needs the same exercise, code and limit. */
export interface GradedCode {
  readonly exerciseId: string;
  readonly source: string;
  readonly timeLimitMs: number;
}

function showNote(container: HTMLElement, text: string): void {
  container.replaceChildren(element('p', 'sdl-run-view__note', text));
  container.hidden = false;
}

async function gradeOneTest(graded: GradedCode, testName: string): Promise<TestResult> {
  const result: RunResult = await runExercise(graded.exerciseId, graded.source, graded.timeLimitMs, testName);
  const again = result.tests.find((candidate) => candidate.name === testName);
  if (again === undefined) throw new Error(result.message || 'the test did not run');
  return again;
}

function actionsFor(graded: GradedCode, testName: string, adopt?: () => void): RunViewActions {
  return {
    async replay() {
      const again = await gradeOneTest(graded, testName);
      return again.run === undefined ? { passed: again.status === 'pass' } : { passed: false, run: again.run };
    },
    async copyLink(seed) {
      // Loaded on use: the link's reader and writer (zod among it) stay out of the page's first scripts.
      const { runLinkFragment } = await import('./run-link.ts');
      const fragment = await runLinkFragment({ exercise: graded.exerciseId, test: testName, seed, code: graded.source });
      const url = new URL(window.location.href);
      url.hash = fragment;
      await navigator.clipboard.writeText(url.href);
    },
    ...(adopt === undefined ? {} : { adopt }),
  };
}

async function loadView(container: HTMLElement): Promise<typeof import('./run-view.ts') | undefined> {
  try {
    return await runViewCode.load();
  } catch (error) {
    showNote(container, tRun('run.loadFailed', { message: error instanceof Error ? error.message : String(error) }));
    return undefined;
  }
}

export async function showRun(container: HTMLElement, graded: GradedCode, test: TestResult): Promise<void> {
  skipWarmUp();
  // Already fetched (the usual case: the warm-up fetched it): drawn now, in the caller's task.
  const view = runViewCode.loaded() ?? (await loadView(container));
  view?.renderRunView(container, test.name, test.run, actionsFor(graded, test.name));
}

/**
 * A run opened from a link: the link's code is graded here with only its test, and the run it draws is shown
 * with a way to take the code into the editor. The editor is not touched until the learner chooses to.
 */
export async function showLinkedRun(container: HTMLElement, link: RunLink, timeLimitMs: number, adopt: () => void): Promise<void> {
  skipWarmUp();
  const graded: GradedCode = { exerciseId: link.exercise, source: link.code, timeLimitMs };
  showNote(container, t('exercise.running'));
  let test: TestResult;
  try {
    test = await gradeOneTest(graded, link.test);
  } catch (error) {
    showNote(container, tRun('run.replayFailed', { message: error instanceof Error ? error.message : String(error) }));
    return;
  }
  if (test.run === undefined) {
    showNote(container, test.status === 'pass' ? tRun('run.sharedPassed', { test: link.test }) : tRun('run.replayNoRun'));
    return;
  }
  const view = await loadView(container);
  if (view === undefined) return;
  view.renderRunView(container, test.name, test.run, actionsFor(graded, test.name, adopt));
  if (test.seed !== undefined && test.seed !== link.seed) {
    container.querySelector('.sdl-run-view__replay-status')!.textContent = tRun('run.sharedSeed', { linked: link.seed, seed: test.seed });
  }
}
