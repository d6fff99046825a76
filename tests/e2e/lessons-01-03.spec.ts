import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { courseExercise, courseLessons } from '../../src/course/course-facts.ts';

/** The lessons this file covers: 01 to 03, as the course orders them. */
const lessons = courseLessons().filter((lesson) => lesson.order <= 3);

for (const lesson of lessons) {
  test(`lesson ${lesson.slug} opens with its figures and knowledge check`, async ({ page }) => {
    await page.goto(`/${lesson.slug}/`);
    await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
    // Every simulation figure offers its text alternative.
    const describe = page.getByText('Describe this figure');
    expect(await describe.count()).toBeGreaterThan(0);
    await expect(page.getByText('Knowledge check')).toBeVisible();
  });

  for (const exercise of lesson.exercises.map((id) => courseExercise(id))) {
    test(`the ${exercise.id} exercise passes with its reference solution`, async ({ page }) => {
      test.setTimeout(120_000);
      const island = await openExercise(page, exercise);
      await pasteCode(page, island, exercise.solution);
      await island.getByRole('button', { name: 'Run tests' }).click();
      await expect(resultsIn(island)).toContainText(`All ${exercise.tests.length} tests passed.`, { timeout: 60_000 });
    });
  }
}

test.describe('the load slider in lesson 03', () => {
  const readings = (page: Page) => page.getByRole('table', { name: 'Measured in the simulation' });
  const cell = (page: Page, row: RegExp) => readings(page).getByRole('row', { name: row }).getByRole('cell').innerText();
  const ms = async (page: Page) => Number((await cell(page, /p99 latency/)).replace(/\D/g, ''));

  test('is keyboard-operable and the p99 climbs as utilisation rises', async ({ page }) => {
    await page.goto('/03-latency-vs-throughput/');
    const slider = page.getByRole('slider', { name: 'Utilisation' });
    await expect(slider).toHaveValue('50');
    const atHalf = await ms(page);
    expect(atHalf).toBeGreaterThan(0);

    await slider.focus();
    await page.keyboard.press('End');
    await expect(slider).toHaveValue('98');
    await expect(slider).toHaveAttribute('aria-valuetext', /98%/);
    await expect.poll(() => ms(page)).toBeGreaterThan(atHalf * 2);
    await expect(page.getByRole('status').filter({ hasText: 'At 98% utilisation' })).toBeAttached();

    await page.keyboard.press('Home');
    await expect(slider).toHaveValue('10');
    await expect.poll(() => ms(page)).toBeLessThan(atHalf);
  });

  test("shows Little's law holding: in flight equals throughput × mean latency", async ({ page }) => {
    await page.goto('/03-latency-vs-throughput/');
    const slider = page.getByRole('slider', { name: 'Utilisation' });
    await slider.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveValue('80');
    await expect(page.getByRole('status').filter({ hasText: 'At 80% utilisation' })).toBeAttached();
    const inFlight = Number(await cell(page, /requests in flight/));
    const little = Number(await cell(page, /Little/));
    expect(inFlight).toBeGreaterThan(1);
    expect(Math.abs(inFlight - little)).toBeLessThanOrEqual(0.01 * inFlight);
  });
});
