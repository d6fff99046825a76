import { expect, test, type Locator, type Page } from '@playwright/test';
import { openExercise, pasteCode, readExercise, resultsIn } from './support/exercise.ts';

const lessons = [
  { slug: '05-reliability-and-resiliency', title: 'Reliability and resiliency', figures: 2, exercises: ['backoff-jitter', 'circuit-breaker'] },
  { slug: '06-cap-theorem', title: 'The CAP theorem', figures: 3, exercises: ['cap-register', 'quorum-overlap'] },
];

for (const lesson of lessons) {
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

test.describe('the partition toggle in lesson 06', () => {
  const readings = (page: Page) => page.getByRole('table', { name: /^(Before the partition|During the partition|After the heal)/ });
  /** The CP and AP cells of a row, as numbers where they are counts ("85 of 175" → 85). */
  const cells = async (table: Locator, row: RegExp) => {
    const texts = await table.getByRole('row', { name: row }).getByRole('cell').allInnerTexts();
    return texts.map((text) => text.trim());
  };
  const count = (text: string) => Number(text.split(' ')[0]);

  test('is keyboard-operable: CP refuses and AP serves stale reads during the partition; both agree after the heal', async ({ page }) => {
    await page.goto('/06-cap-theorem/');
    const toggle = page.getByRole('button', { name: 'Partition {A, B} | {C}' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const table = readings(page);
    await expect(table).toHaveAccessibleName(/^Before the partition/);
    expect((await cells(table, /Refused with an error/)).map(count)).toEqual([0, 0]);

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('status').filter({ hasText: /^During the partition/ })).toBeAttached();
    await expect(table).toHaveAccessibleName(/^During the partition/);
    const [cpRefused, apRefused] = (await cells(table, /Refused with an error/)).map(count);
    const [cpStale, apStale] = (await cells(table, /Stale reads/)).map(count);
    expect(cpRefused).toBeGreaterThan(0);
    expect(apRefused).toBe(0);
    expect(cpStale).toBe(0);
    expect(apStale).toBeGreaterThan(0);
    expect(await cells(table, /Replicas agree/)).toEqual(['no', 'no']);

    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('status').filter({ hasText: /^After the heal/ })).toBeAttached();
    await expect(table).toHaveAccessibleName(/^After the heal/);
    expect((await cells(table, /Refused with an error/)).map(count)).toEqual([0, 0]);
    expect(await cells(table, /Replicas agree/)).toEqual(['yes', 'yes']);
  });

  test('redraws its chart for each phase', async ({ page }) => {
    await page.goto('/06-cap-theorem/');
    const chart = page.getByRole('group', { name: /CP and AP side by side/ });
    await expect(chart).toHaveAccessibleName(/^Before the partition/);
    await page.getByRole('button', { name: 'Partition {A, B} | {C}' }).click();
    await expect(chart).toHaveAccessibleName(/^During the partition/);
    await expect(chart.locator('svg')).toBeVisible();
  });
});
