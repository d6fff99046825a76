/**
 * What every lesson page promises, as tests: it opens with its figures (each with its text alternative), the
 * primer corrections, the knowledge check and its exercises, and every exercise passes with its reference
 * solution, each named test listed. Lesson specs call this, then add what is particular to their lessons.
 */
import { expect, test } from './fixtures.ts';
import { openExercise, pasteCode, resultsIn } from '../../support/exercise-island.ts';
import { courseExercise, courseLesson } from '../../../src/course/course-facts.ts';

/**
 * What a spec expects of a lesson page beyond what the course model says (its title and exercises come from
 * the lesson's frontmatter): how many simulation figures it shows.
 */
export interface LessonPageExpectation {
  readonly figures: number;
}

/** One block of tests per lesson, keyed by slug; an unknown slug fails at once, naming the slugs there are. */
export function describeLessonPages(expected: Readonly<Record<string, LessonPageExpectation>>): void {
  for (const [slug, { figures }] of Object.entries(expected)) {
    const lesson = { ...courseLesson(slug), figures };
    test.describe(`lesson ${lesson.slug}`, () => {
      test('opens with its figures, their descriptions, its exercises and a knowledge check', async ({ page }) => {
        await page.goto(`/${lesson.slug}/`);
        await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
        const figures = page.getByRole('group', { name: /^Figure \(scrolls sideways on narrow screens\):/ });
        await expect(figures).toHaveCount(lesson.figures);
        for (const figure of await figures.all()) await expect(figure.locator('svg')).toBeVisible();
        await expect(page.getByText('Describe this figure')).toHaveCount(lesson.figures);
        await expect(page.getByRole('heading', { name: 'What the primer gets loose' })).toBeVisible();
        await expect(page.getByRole('heading', { name: 'Check your understanding' })).toBeVisible();
        for (const id of lesson.exercises) await expect(page.getByRole('region', { name: courseExercise(id).title })).toBeVisible();
      });

      for (const id of lesson.exercises) {
        const exercise = courseExercise(id);
        test(`the ${id} reference solution passes every test`, async ({ page }) => {
          test.setTimeout(120_000);
          const island = await openExercise(page, exercise);
          await pasteCode(page, island, exercise.solution);
          await island.getByRole('button', { name: 'Run tests' }).click();
          const results = resultsIn(island);
          await expect(results).toContainText(`All ${exercise.tests.length} tests passed.`, { timeout: 60_000 });
          const items = results.getByRole('listitem');
          await expect(items).toHaveCount(exercise.tests.length);
          for (const [index, name] of exercise.tests.entries()) await expect(items.nth(index)).toContainText(name);
        });
      }
    });
  }
}
