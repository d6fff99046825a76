import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { describeLessonPages } from './support/lesson-pages.ts';
import { courseExercise } from '../../src/course/course-facts.ts';

describeLessonPages({
  '11-content-delivery-networks': { figures: 2 },
  '12-load-balancers-and-reverse-proxies': { figures: 1 },
});

test('an edge cache that fetches on every miss is told the story of the flash crowd, with its seed', async ({ page }) => {
  test.setTimeout(120_000);
  const exercise = courseExercise('edge-cache');
  const wrong = readFileSync(new URL('../../exercises/edge-cache/wrong/fetches-on-every-miss.ts', import.meta.url), 'utf8');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrong);
  await island.getByRole('button', { name: 'Run tests' }).click();
  const results = resultsIn(island);
  await expect(results).toContainText('the origin received 100 fetches', { timeout: 60_000 });
  await expect(results).toContainText('seed 1');
  await expect(results).toContainText('edge → origin  fetch launch.mp4');
});

test('a proxy that caches private pages is told whose page another user got, with its seed', async ({ page }) => {
  test.setTimeout(120_000);
  const exercise = courseExercise('reverse-proxy');
  const wrong = readFileSync(new URL('../../exercises/reverse-proxy/wrong/caches-private.ts', import.meta.url), 'utf8');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrong);
  await island.getByRole('button', { name: 'Run tests' }).click();
  const results = resultsIn(island);
  await expect(results).toContainText("bob got carol's page", { timeout: 60_000 });
  await expect(results).toContainText('seed 2');
  await expect(results).toContainText('proxy → origin  GET /account (carol)');
});

test.describe('the TTL slider in lesson 11', () => {
  const readings = (page: Page) => page.getByRole('table', { name: 'Measured in the simulation' });
  const cell = (page: Page, row: RegExp) => readings(page).getByRole('row', { name: row }).getByRole('cell').innerText();
  const numberIn = async (page: Page, row: RegExp) => Number((await cell(page, row)).replace(/[^\d.]/g, ''));

  test('is keyboard-operable: a longer TTL means less origin load and staler answers', async ({ page }) => {
    await page.goto('/11-content-delivery-networks/');
    const slider = page.getByRole('slider', { name: 'Time to live' });
    await expect(slider).toHaveValue('1000');
    const originAt1s = await numberIn(page, /Fetches reaching the origin/);
    const staleAt1s = await numberIn(page, /Worst staleness/);
    expect(originAt1s).toBeGreaterThan(0);

    await slider.focus();
    await page.keyboard.press('Home');
    await expect(slider).toHaveValue('0');
    await expect(slider).toHaveAttribute('aria-valuetext', /every request goes to the origin/);
    await expect(page.getByRole('status').filter({ hasText: 'TTL 0 ms' })).toBeAttached();
    await expect.poll(() => cell(page, /answered from the edge/)).toBe('0%');
    expect(await numberIn(page, /Fetches reaching the origin/)).toBeGreaterThan(originAt1s * 3);

    await page.keyboard.press('End');
    await expect(slider).toHaveValue('5000');
    await expect(page.getByRole('status').filter({ hasText: 'TTL 5000 ms' })).toBeAttached();
    expect(await numberIn(page, /Fetches reaching the origin/)).toBeLessThan(originAt1s);
    expect(await numberIn(page, /Worst staleness/)).toBeGreaterThan(staleAt1s);
  });
});

test.describe('the crash routing view in lesson 12', () => {
  const readings = (page: Page) => page.getByRole('table', { name: 'Measured in the simulation' });
  const lost = async (page: Page) => Number(await readings(page).getByRole('row', { name: /sent to b2 while it was down/ }).getByRole('cell').innerText());

  test('is keyboard-operable: waiting for more failed checks loses more requests, and the plot is redrawn', async ({ page }) => {
    await page.goto('/12-load-balancers-and-reverse-proxies/');
    const slider = page.getByRole('slider', { name: 'Failed checks before a backend is taken out' });
    await expect(slider).toHaveValue('3');
    const plot = page.getByRole('group', { name: /^Routing plot/ }).getByRole('img');
    await expect(plot).toHaveAccessibleName(/failAfter 3/);
    const atThree = await lost(page);
    expect(atThree).toBeGreaterThan(0);

    await slider.focus();
    await page.keyboard.press('Home');
    await expect(slider).toHaveValue('1');
    await expect(slider).toHaveAttribute('aria-valuetext', '1 failed check in a row');
    await expect(page.getByRole('status').filter({ hasText: 'Out after 1 failed check:' })).toBeAttached();
    await expect(plot).toHaveAccessibleName(/failAfter 1/);
    expect(await lost(page)).toBeLessThan(atThree);

    await page.keyboard.press('End');
    await expect(slider).toHaveValue('6');
    await expect(page.getByRole('status').filter({ hasText: 'Out after 6 failed checks:' })).toBeAttached();
    expect(await lost(page)).toBeGreaterThan(atThree);
  });
});
