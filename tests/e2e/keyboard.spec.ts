/** The exercise island by keyboard alone: into the editor, out of it, and running the tests from it. */
import { expect, test } from './support/fixtures.ts';
import { editorIn, resultsIn } from '../support/exercise-island.ts';
import { courseExercise } from '../../src/course/course-facts.ts';

const exercise = courseExercise('backoff-jitter');

test('"Edit this code" puts the focus in the editor; Esc leaves it for Run tests; Ctrl+Enter runs the tests', async ({ page }) => {
  await page.goto(`/${exercise.lesson}/`);
  const island = page.getByRole('region', { name: exercise.title });
  const activate = island.getByRole('button', { name: 'Edit this code' });
  // Focusing the button scrolls the exercise into view, which starts the editor too: the two race, as for a learner.
  await activate.focus();
  await page.keyboard.press('Enter');
  const editor = editorIn(island);
  await expect(editor).toBeFocused();
  await expect(editor).toHaveAccessibleDescription(/Esc leaves the editor for the Run tests button/);
  await expect(island.getByText('Esc leaves the editor for the Run tests button')).toBeVisible();

  // Tab indents inside the editor; Esc is the way out.
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(island.getByRole('button', { name: 'Run tests' })).toBeFocused();

  await editor.focus();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed/, { timeout: 60_000 });
});

test('Esc first closes what Monaco has open (here the find widget), and only then leaves the editor', async ({ page }) => {
  await page.goto(`/${exercise.lesson}/`);
  const island = page.getByRole('region', { name: exercise.title });
  await island.scrollIntoViewIfNeeded();
  const editor = editorIn(island);
  await expect(editor).toBeAttached();
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+F');
  const find = island.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(island.getByRole('button', { name: 'Run tests' })).toBeFocused();
});

test('the search button is named after what it shows', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('button', { name: 'Search Ctrl K', exact: true });
  await expect(search).toBeVisible();
  await expect(search).toHaveAttribute('aria-keyshortcuts', 'Control+K');
});
