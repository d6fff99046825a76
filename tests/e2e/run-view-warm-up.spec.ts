/**
 * The run view warms itself up once an editor is open (src/site/run-view/warm-up.ts): a made-up run drawn out of
 * sight and removed in the same task. The page keeps nothing of it — no diagram, no run view, no focus moved —
 * and a learner's real failing run still draws. When a real run comes first, there is no warm-up at all.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { courseExercise } from '../../src/course/course-facts.ts';
import { failureRunVariants } from '../support/failure-run-variants.ts';
import { RUN_VIEW_WARMED_UP } from '../../src/site/run-view/warm-up.ts';

interface AddedRunView {
  readonly connected: boolean;
  readonly ariaHidden: string | null;
  readonly inert: boolean;
  readonly inIsland: boolean;
}

/**
 * Before the page's scripts: records every run view added to the page other than the islands' own (which the
 * parser adds from the HTML), as the page's observers would first see it — after the task that added it.
 */
function recordAddedRunViews(): void {
  const added: AddedRunView[] = [];
  (window as unknown as { __addedRunViews: AddedRunView[] }).__addedRunViews = added;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement) || !node.classList.contains('sdl-run-view') || node.dataset.part === 'run-view') continue;
        added.push({ connected: node.isConnected, ariaHidden: node.getAttribute('aria-hidden'), inert: node.inert, inIsland: node.closest('sdl-exercise') !== null });
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

const addedRunViews = (page: Page) => page.evaluate(() => (window as unknown as { __addedRunViews: AddedRunView[] }).__addedRunViews);
const warmedUp = (page: Page) => page.evaluate((mark) => performance.getEntriesByName(mark).length, RUN_VIEW_WARMED_UP);

const exercise = courseExercise('gcounter');
const wrongVariant = readFileSync(new URL(`../../exercises/gcounter/wrong/${failureRunVariants.gcounter}`, import.meta.url), 'utf8');
const diagramName = /^Space-time diagram of your run \(seed -?\d+\)/;

test('the run view warms up out of sight once an editor is open, leaves nothing behind, and a real failing run still draws', async ({ page }) => {
  await page.addInitScript(recordAddedRunViews);
  const island = await openExercise(page, exercise);
  await expect.poll(() => warmedUp(page), { timeout: 20_000 }).toBe(1);

  // It was in the page only within the task that drew it, inert and hidden from assistive technology.
  expect(await addedRunViews(page)).toEqual([{ connected: false, ariaHidden: 'true', inert: true, inIsland: false }]);
  await expect(page.getByRole('img', { name: diagramName })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Your failing run' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Your run: / })).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Your run\. Step through its events/ })).toHaveCount(0);
  await expect(page.locator('.sdl-run-view__canvas, .sdl-run-view__step')).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.closest('.sdl-run-view') ?? null)).toBeNull();

  await pasteCode(page, island, wrongVariant);
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed\./);
  const view = island.getByRole('region', { name: 'Your failing run' });
  await expect(view.getByRole('img', { name: diagramName })).toBeVisible();
  await expect(view.getByRole('heading', { name: /^Your run: / })).toBeVisible();
  await expect(page.getByRole('img', { name: diagramName })).toHaveCount(1);
  // Once per page: the real run added no second warm-up.
  expect(await warmedUp(page)).toBe(1);
  expect(await addedRunViews(page)).toHaveLength(1);
});

test('when a real failing run is drawn before the page is idle, the run view does not warm up', async ({ page }) => {
  // Idle callbacks wait until the test lets them run, so the learner's run comes first.
  await page.addInitScript(() => {
    const held: (() => void)[] = [];
    const native = window.requestIdleCallback.bind(window);
    let holding = true;
    window.requestIdleCallback = (callback, options) => {
      if (!holding) return native(callback, options);
      held.push(() => native(callback, options));
      return 0;
    };
    (window as unknown as { __releaseIdle: () => void }).__releaseIdle = () => {
      holding = false;
      held.splice(0).forEach((run) => run());
    };
  });
  await page.addInitScript(recordAddedRunViews);
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrongVariant);
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(island.getByRole('region', { name: 'Your failing run' }).getByRole('img', { name: diagramName })).toBeVisible();

  await page.evaluate(() => (window as unknown as { __releaseIdle: () => void }).__releaseIdle());
  // Idle callbacks give up waiting after 2 s; the warm-up would have run by then.
  await page.waitForTimeout(3_000);
  expect(await warmedUp(page)).toBe(0);
  expect(await addedRunViews(page)).toEqual([]);
  await expect(page.getByRole('img', { name: diagramName })).toHaveCount(1);
});

// Warmed up, the view's code is in the page: a failing run's diagram is drawn in the task that draws its results,
// so both reach the screen in one frame (src/site/run-view/run-view-code.ts), never the results a frame or more before.
test('once the run view has warmed up, a failing run’s diagram is in the page when its results are', async ({ page }) => {
  const island = await openExercise(page, exercise);
  await expect.poll(() => warmedUp(page), { timeout: 20_000 }).toBe(1);
  await pasteCode(page, island, wrongVariant);
  // When the results stop being busy, is the diagram there already? Observers run after the task that changed
  // the results, so a diagram drawn in any later task is missed.
  await resultsIn(island).evaluate((results) => {
    const seen: (string | null)[] = [];
    (window as unknown as { __diagramWithResults: (string | null)[] }).__diagramWithResults = seen;
    new MutationObserver(() => {
      if (results.getAttribute('aria-busy') === 'true') return;
      const island = results.closest('sdl-exercise');
      // The diagram's accessible name is its <title>.
      seen.push(island?.querySelector('[data-part="run-view"] svg[role="img"] > title')?.textContent ?? null);
    }).observe(results, { attributes: true, attributeFilter: ['aria-busy'] });
  });
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed\./);
  const seen = await page.evaluate(() => (window as unknown as { __diagramWithResults: (string | null)[] }).__diagramWithResults);
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatch(diagramName);
});
