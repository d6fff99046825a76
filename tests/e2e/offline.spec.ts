/**
 * Offline for real: after one online visit the service worker has precached the course, so with the network
 * gone every lesson opens, every editor loads, every exercise grades and search finds.
 */
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { editorIn, openExercise, resultsIn } from '../support/exercise-island.ts';
import { courseExercise, courseLessons } from '../../src/course/course-facts.ts';

test.use({ serviceWorkers: 'allow' });

const lessons = courseLessons();

/** Resolves once a service worker controls the page, which it does only after precaching everything. */
async function offlineCopyReady(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
}

test('after one online visit, the whole course works offline', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: 'The whole course is now saved on this device' })).toBeVisible({ timeout: 60_000 });
  await offlineCopyReady(page);

  const first = courseExercise(lessons.find((lesson) => lesson.exercises.length > 0)!.exercises[0]!);
  let island = await openExercise(page, first);
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText(/tests passed/, { timeout: 60_000 });

  await context.setOffline(true);
  // A second run takes a fresh worker, which loads the hidden tests again: from the precache now.
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed/, { timeout: 60_000 });

  // Monaco came from the precache above; the rest of the tour takes the plain editor of narrow screens, which
  // grades the same way, so the run stays short: the point here is that every page and every test chunk is there.
  await page.setViewportSize({ width: 390, height: 800 });
  for (const lesson of lessons) {
    await test.step(`${lesson.slug} opens, its editors load and its exercises grade`, async () => {
      await page.goto(`/${lesson.slug}/`);
      await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
      for (const id of lesson.exercises) {
        island = page.getByRole('region', { name: courseExercise(id).title });
        await island.scrollIntoViewIfNeeded();
        await expect(editorIn(island)).toBeAttached();
        await island.getByRole('button', { name: 'Run tests' }).click();
        // The starter fails by design: a count of passed tests shows the hidden tests loaded and ran.
        await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed/, { timeout: 60_000 });
      }
    });
  }

  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' }).fill('quorum');
  await expect(page.getByRole('link', { name: /CAP theorem/ }).first()).toBeVisible();
});
