import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { describeLessonPages } from './support/lesson-pages.ts';
import { courseExercise, courseLessons } from '../../src/course/course-facts.ts';

describeLessonPages({
  '13-service-discovery-and-service-mesh': { figures: 2 },
  '14-databases': { figures: 2 },
});

test('a discovery client that never evicts fails in the browser with the seed and the story of the crash', async ({ page }) => {
  const exercise = courseExercise('discovery-client');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, readFileSync(new URL('../../exercises/discovery-client/wrong/no-eviction.ts', import.meta.url), 'utf8'));
  await island.getByRole('button', { name: 'Run tests' }).click();
  const results = resultsIn(island);
  await expect(results).toContainText('api-2 is down from t=400ms to t=1500ms', { timeout: 30_000 });
  await expect(results).toContainText('seed 1');
  await expect(results).toContainText('(outcome unknown)');
});

test.describe('the instance killer in lesson 13', () => {
  const row = (page: Page, name: RegExp) => page.getByRole('table', { name: 'Calls by each kind of caller' }).getByRole('row', { name });
  const failed = async (page: Page, name: RegExp) => Number((await row(page, name).getByRole('cell').innerText()).split(' ')[0]);

  test('is keyboard-operable, and with no outage nobody fails while a long one ranks the callers', async ({ page }) => {
    await page.goto('/13-service-discovery-and-service-mesh/');
    const down = page.getByRole('slider', { name: 'Instance down for' });
    await expect(down).toHaveValue('1000');
    await down.focus();
    await page.keyboard.press('Home');
    await expect(down).toHaveAttribute('aria-valuetext', 'no outage');
    await expect(page.getByRole('status').filter({ hasText: 'api-2 down for 0 ms' })).toBeAttached();
    await expect.poll(() => failed(page, /fixed list/)).toBe(0);

    await page.keyboard.press('End');
    await expect(down).toHaveValue('2000');
    await expect(page.getByRole('status').filter({ hasText: 'api-2 down for 2000 ms' })).toBeAttached();
    const fixed = await failed(page, /fixed list/);
    const refreshing = await failed(page, /registry refresh/);
    const evicting = await failed(page, /local eviction/);
    expect(fixed).toBeGreaterThan(refreshing);
    expect(refreshing).toBeGreaterThan(evicting);
  });

  test('a longer registry TTL leaves the dead instance listed longer', async ({ page }) => {
    await page.goto('/13-service-discovery-and-service-mesh/');
    const ttl = page.getByRole('slider', { name: 'Registry TTL' });
    await ttl.focus();
    await page.keyboard.press('Home');
    await expect(page.getByRole('status').filter({ hasText: 'registry TTL 100 ms' })).toBeAttached();
    const short = await failed(page, /registry refresh/);
    await page.keyboard.press('End');
    await expect(page.getByRole('status').filter({ hasText: 'registry TTL 1000 ms' })).toBeAttached();
    expect(await failed(page, /registry refresh/)).toBeGreaterThan(short);
  });
});

test('lesson 14 says that it goes beyond the primer', async ({ page }) => {
  await page.goto('/14-databases/');
  const note = page.getByRole('complementary', { name: 'Beyond the primer' });
  await expect(note).toBeVisible();
  await expect(note).toContainText('a Databases heading with nothing under it');
});

test.describe('the shard mover in lesson 14', () => {
  const value = (page: Page, name: RegExp) => page.getByRole('table', { name: 'Keys that change shard' }).getByRole('row', { name }).getByRole('cell').innerText();
  const percent = async (page: Page, name: RegExp) => Number((await value(page, name)).split('%')[0]);

  test('hash mod N moves most keys at every shard count; the ring stays near the minimum', async ({ page }) => {
    await page.goto('/14-databases/');
    const shards = page.getByRole('slider', { name: 'Shards before adding one' });
    await expect(shards).toHaveValue('4');
    expect(await percent(page, /hash mod N/)).toBeGreaterThan(70);
    await shards.focus();
    await page.keyboard.press('End');
    await expect(shards).toHaveAttribute('aria-valuetext', '12 shards, then one more');
    await expect(page.getByRole('status').filter({ hasText: 'From 12 to 13 shards' })).toBeAttached();
    expect(await percent(page, /hash mod N/)).toBeGreaterThan(85);
    expect(await percent(page, /Keys moved on the ring/)).toBeLessThan(15);
    await expect(page.getByRole('row', { name: /least any scheme/ }).getByRole('cell')).toHaveText('7.7% (308)');
  });

  test('one virtual node per shard leaves the ring unbalanced', async ({ page }) => {
    await page.goto('/14-databases/');
    const peak = async () => Number((await value(page, /Busiest shard/)).replace('×', ''));
    const balanced = await peak();
    await page.getByRole('combobox', { name: 'Virtual nodes per shard' }).selectOption('1');
    await expect(page.getByRole('row', { name: /1 virtual node per shard/ })).toBeVisible();
    expect(await peak()).toBeGreaterThan(balanced + 0.3);
  });
});

test('the closing page shows the course map with its text alternative', async ({ page }) => {
  await page.goto('/15-where-next/');
  await expect(page.getByRole('heading', { level: 1, name: 'Where next' })).toBeVisible();
  const map = page.getByRole('img', { name: 'How the lessons connect' });
  await expect(map).toBeVisible();
  await page.getByText('Describe this figure').click();
  await expect(page.getByRole('listitem').filter({ hasText: /^Foundations: 01 What system design is/ })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '12 Load balancers and reverse proxies → 13 Service discovery and service mesh' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Where to go next' })).toBeVisible();
  // The map names every lesson as its own page does, so a renamed lesson shows up here.
  const description = await page.locator('details').filter({ hasText: 'Describe this figure' }).innerText();
  for (const lesson of courseLessons().filter((page) => page.kind === 'lesson')) {
    expect(description, `the course map's description names lesson ${lesson.order}`).toContain(`${String(lesson.order).padStart(2, '0')} ${lesson.title}`);
  }
});
