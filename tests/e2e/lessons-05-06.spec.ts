import { expect, test } from './support/fixtures.ts';
import type { Locator, Page } from '@playwright/test';
import { describeLessonPages } from './support/lesson-pages.ts';

describeLessonPages({
  '05-reliability-and-resiliency': { figures: 3 },
  '06-cap-theorem': { figures: 3 },
});

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

test('a figure drawn from an exercise’s scenario links to that exercise, and the link lands on it', async ({ page }) => {
  await page.goto('/05-reliability-and-resiliency/');
  const links = page.getByRole('link', { name: /^Run this scenario yourself: the exercise “/ });
  await expect(links).toHaveCount(3);
  for (const link of await links.all()) {
    const target = (await link.getAttribute('href'))!;
    expect(target).toMatch(/^#exercise-[a-z-]+-title$/);
    await expect(page.locator(target)).toHaveCount(1);
  }
  const retryBudget = page.getByRole('link', { name: /^Run this scenario yourself: the exercise “.*budget/i });
  await retryBudget.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#exercise-retry-budget-title$/);
  await expect(page.locator('#exercise-retry-budget-title')).toBeInViewport();
});
