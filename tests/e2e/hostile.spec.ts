/**
 * The Chromium half of the hostile-code catalogue (tests/support/hostile/catalogue.ts): each case is
 * pasted into the lesson's editor and run the way a learner runs it. The verdict must be the catalogue's, the
 * message plain text, the page responsive, the editor's text kept, and the next run must pass.
 */
import { expect, test } from './support/fixtures.ts';
import type { Locator } from '@playwright/test';
import { editorText, openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { hostileCases, hostileExerciseId, hostileMarkup } from '../support/hostile/catalogue.ts';
import type { HostileVerdict } from '../support/hostile/catalogue.ts';
import { t } from '../../src/i18n/markup-ui.ts';
import { tResults } from '../../src/i18n/results-ui.ts';
import { courseExercise } from '../../src/course/course-facts.ts';
import type { ExerciseFacts } from '../../src/course/course-facts.ts';

/** The summary line the page shows for each verdict (see src/site/results-view.ts). */
function summaryFor(verdict: HostileVerdict, exercise: ExerciseFacts): RegExp {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  switch (verdict) {
    case 'fail':
      return new RegExp(`^${escaped(tResults('results.fail', { passed: 999, total: exercise.tests.length })).replace('999', '\\d+')}`);
    case 'error':
      return new RegExp(`^${escaped(tResults('results.error'))}`);
    case 'timeout':
      return new RegExp(`^${escaped(tResults('results.timeout', { seconds: exercise.timeLimitMs / 1000 }))}`);
  }
}

/** The catalogue's message pattern, unanchored: on the page it sits inside a longer text. */
const unanchored = (pattern: RegExp) => new RegExp(pattern.source.replace(/^\^/, '').replace(/\$$/, ''));

async function runTests(island: Locator): Promise<void> {
  await island.getByRole('button', { name: t('exercise.run') }).click();
}

test.describe(`hostile code in the ${hostileExerciseId} exercise (and the others cases name)`, () => {
  // Attacks on the Node host have nothing to attack in a browser; the catalogue says so for each.
  for (const hostile of hostileCases.filter((hostile) => hostile.nodeOnly === undefined)) {
    const outcome = hostile.inChromium ?? hostile.expected;
    const exercise = courseExercise(hostile.exerciseId ?? hostileExerciseId);
    test(`${hostile.id}: ${outcome.verdict}, plainly; the page responds, keeps the code, and runs again`, async ({ page }) => {
      test.slow();
      const island = await openExercise(page, exercise);
      await pasteCode(page, island, hostile.source);
      await runTests(island);

      const results = resultsIn(island);
      const summary = results.locator('p').first();
      // The time limit, the worker's termination and a fresh worker all fit well inside the slow-test budget.
      await expect(summary).toHaveText(summaryFor(outcome.verdict, exercise), { timeout: 30_000 });
      if (outcome.verdict !== 'timeout') await expect(results).toContainText(unanchored(outcome.message));
      if (hostile.consoleEnds !== undefined) await expect(results).toContainText(unanchored(hostile.consoleEnds));
      // Markup in a message is text: the results region holds no element the message could have created.
      await expect(results.locator('img, b, script, iframe')).toHaveCount(0);
      if (hostile.source.includes(hostileMarkup)) await expect(results).toContainText(hostileMarkup);

      // The page still responds, and the learner's code is still in the editor.
      expect(await page.evaluate(() => document.readyState)).toBe('complete');
      await expect(island.getByRole('button', { name: t('exercise.run') })).toBeEnabled();
      await expect.poll(() => editorText(island)).toBe(hostile.source);

      await pasteCode(page, island, exercise.solution);
      await runTests(island);
      // After a memory bomb the browser is still handing the dead worker's memory back: allow for it.
      await expect(summary).toHaveText(tResults('results.pass', { total: exercise.tests.length }), { timeout: 30_000 });
    });
  }
});
