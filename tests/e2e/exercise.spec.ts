import { expect, test } from './support/fixtures.ts';
import { editorHolds, editorIn, editorText, openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { courseExercise, courseLessons } from '../../src/course/course-facts.ts';

const firstLineOf = (code: string) => code.split('\n').find((line) => line.trim() !== '')!.trim();

for (const exercise of ['backoff-jitter', 'cap-register'].map((id) => courseExercise(id))) {
  test.describe(`the ${exercise.id} exercise`, () => {
    test('the starter fails its tests, each with a message', async ({ page }) => {
      const island = await openExercise(page, exercise);
      await island.getByRole('button', { name: 'Run tests' }).click();
      const results = resultsIn(island);
      await expect(results).toContainText(`0 of ${exercise.tests.length} tests passed.`);
      const items = results.getByRole('listitem');
      await expect(items).toHaveCount(exercise.tests.length);
      for (const [index, name] of exercise.tests.entries()) {
        const item = items.nth(index);
        await expect(item).toContainText(name);
        await expect(item).toContainText(/fail|error/);
        // Beyond the status and the name there is a message saying what went wrong.
        expect((await item.innerText()).replace(name, '').replace(/fail|error/i, '').trim().length).toBeGreaterThan(0);
      }
    });

    test('the reference solution passes every test and marks the exercise solved', async ({ page }) => {
      const island = await openExercise(page, exercise);
      await pasteCode(page, island, exercise.solution);
      await island.getByRole('button', { name: 'Run tests' }).click();
      const results = resultsIn(island);
      await expect(results).toContainText(`All ${exercise.tests.length} tests passed.`);
      const items = results.getByRole('listitem');
      await expect(items).toHaveCount(exercise.tests.length);
      for (const [index, name] of exercise.tests.entries()) await expect(items.nth(index)).toContainText(`pass${name}`);
      await expect(island.getByText('Solved', { exact: true })).toBeVisible();
      // The sidebar marks a lesson once all its exercises are solved.
      const lessonExercises = courseLessons().find((lesson) => lesson.slug === exercise.lesson)!.exercises;
      await expect(page.getByRole('link', { name: /\(solved\)/ })).toHaveCount(lessonExercises.length === 1 ? 1 : 0);
      if (lessonExercises.length === 1) await expect(page.getByRole('link', { name: /\(solved\)/ })).toHaveAttribute('href', `/${exercise.lesson}/`);
    });
  });
}

const exercise = courseExercise('backoff-jitter');

test.describe(`the ${exercise.id} exercise island`, () => {
  test('an endless loop is stopped with a plain message, and the next run works', async ({ page }) => {
    const island = await openExercise(page, exercise);
    const endless = `${exercise.solution}\nwhile (true) {}\n`;
    await pasteCode(page, island, endless);
    await editorHolds(page, island, endless);
    await editorIn(island).press('ControlOrMeta+Enter');
    await expect(resultsIn(island)).toContainText(/ran longer than \d+(\.\d+)? s and was stopped/, { timeout: 30_000 });
    await pasteCode(page, island, exercise.solution);
    await editorHolds(page, island, exercise.solution);
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`All ${exercise.tests.length} tests passed.`);
  });

  // The spare worker transpiles the code once the learner pauses (src/runner/browser/client.ts, prepareSource): a
  // run grades what the editor holds at the click, whether or not that was transpiled ahead.
  test('Run tests grades the code as it is at the click, also just after a change', async ({ page }) => {
    const island = await openExercise(page, exercise);
    await pasteCode(page, island, exercise.solution);
    await page.waitForTimeout(1_000);
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`All ${exercise.tests.length} tests passed.`);
    // The next spare holds the solution transpiled; the starter is pasted and run before any pause.
    await page.waitForTimeout(1_000);
    await pasteCode(page, island, exercise.starter);
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`0 of ${exercise.tests.length} tests passed.`);
    await pasteCode(page, island, exercise.solution);
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`All ${exercise.tests.length} tests passed.`);
  });

  test('a draft survives a reload, and Reset brings the starter back (undoably)', async ({ page }) => {
    const island = await openExercise(page, exercise);
    const draft = `// my draft ${Date.now()}\n${exercise.starter}`;
    await pasteCode(page, island, draft);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('system-design-lab') ?? '')).toContain('// my draft');

    await page.reload();
    const reloaded = page.getByRole('region', { name: exercise.title });
    await reloaded.scrollIntoViewIfNeeded();
    await expect(editorIn(reloaded)).toBeAttached();
    await expect.poll(() => editorText(reloaded)).toContain(firstLineOf(draft));
    await expect(reloaded.getByText('Your saved draft was restored.')).toBeVisible();
    // Saved code is shown, never run, on load.
    await expect(resultsIn(reloaded)).toBeEmpty();

    await reloaded.getByRole('button', { name: 'Reset' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset to the starter code?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => editorText(reloaded)).toContain(firstLineOf(draft));

    await reloaded.getByRole('button', { name: 'Reset' }).click();
    await dialog.getByRole('button', { name: 'Reset code' }).click();
    await expect.poll(() => editorText(reloaded)).not.toContain('// my draft');
    expect(await editorText(reloaded)).toContain(firstLineOf(exercise.starter));

    await reloaded.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorText(reloaded)).toContain(firstLineOf(draft));
  });

  test('the editor knows the exercise types: completion and type errors', async ({ page }) => {
    const island = await openExercise(page, exercise);
    await expect(island.locator('.monaco-editor')).toBeVisible();
    await editorIn(island).focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type("\nconst options: BackoffOptions = { baseMs: 'soon', capMs: 1000, maxAttempts: 3 };\nbackoffDe");
    const suggestion = page.getByRole('listbox', { name: 'Suggest' }).getByRole('option', { name: /^backoffDelay\b/ });
    await expect(suggestion).toContainText('backoffDelay(attempt: number, rng: () => number, options: BackoffOptions)');
    await page.keyboard.press('Enter'); // accept it: `backoffDelay` alone is valid, so one problem remains
    // F8 jumps to the problem and shows the type checker's message, as a learner would read it. The type
    // checker runs in a worker and may not have answered yet, so try again until it has.
    await expect(async () => {
      await page.keyboard.press('F8');
      await expect(island.getByText(/Type 'string' is not assignable to type 'number'/)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });

  test('hints come one at a time, and the solution only after a first run and a confirmation', async ({ page }) => {
    const island = await openExercise(page, exercise);
    const showHint = island.getByRole('button', { name: 'Show hint' });
    await showHint.click();
    await expect(island.getByRole('heading', { name: /^Hint 1 of \d+/ })).toBeFocused();
    await expect(island.getByRole('heading', { name: /^Hint 2 of/ })).toHaveCount(0);

    const showSolution = island.getByRole('button', { name: 'Show solution' });
    await expect(showSolution).toBeDisabled();
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText('tests passed');
    await expect(showSolution).toBeEnabled();
    await showSolution.click();
    await page.getByRole('dialog', { name: 'Show the reference solution?' }).getByRole('button', { name: 'Show solution' }).click();
    await expect.poll(() => editorText(island)).toContain(firstLineOf(exercise.solution));
  });
});
