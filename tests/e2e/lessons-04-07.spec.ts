import { expect, test } from '@playwright/test';
import { openExercise, pasteCode, readExercise, resultsIn } from './support/exercise.ts';

const lessons = [
  { slug: '04-availability-vs-consistency', title: 'Availability vs consistency', figures: 2, exercises: ['availability-math'] },
  { slug: '07-consistency-patterns', title: 'Consistency patterns', figures: 2, exercises: ['stale-reads', 'gcounter'] },
];

for (const lesson of lessons) {
  test.describe(`lesson ${lesson.slug}`, () => {
    test('opens with its figures, their descriptions and a knowledge check', async ({ page }) => {
      await page.goto(`/${lesson.slug}/`);
      await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
      const figures = page.getByRole('group', { name: /^Figure \(scrolls sideways on narrow screens\):/ });
      await expect(figures).toHaveCount(lesson.figures);
      for (const figure of await figures.all()) await expect(figure.locator('svg')).toBeVisible();
      await expect(page.getByText('Describe this figure')).toHaveCount(lesson.figures);
      await expect(page.getByRole('heading', { name: 'Check your understanding' })).toBeVisible();
      for (const id of lesson.exercises) {
        await expect(page.getByRole('region', { name: readExercise(id).title })).toBeVisible();
      }
    });

    for (const id of lesson.exercises) {
      const exercise = readExercise(id);
      test(`the ${id} reference solution passes every test`, async ({ page }) => {
        const island = await openExercise(page, exercise);
        await pasteCode(page, island, exercise.solution);
        await island.getByRole('button', { name: 'Run tests' }).click();
        const results = resultsIn(island);
        await expect(results).toContainText(`All ${exercise.tests.length} tests passed.`, { timeout: 30_000 });
        const items = results.getByRole('listitem');
        await expect(items).toHaveCount(exercise.tests.length);
        for (const [index, name] of exercise.tests.entries()) await expect(items.nth(index)).toContainText(name);
      });
    }
  });
}
