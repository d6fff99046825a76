/**
 * What the browser keeps of a learner's work, tested against the browser's real storage: drafts outlive a
 * killed tab, a full storage is reported without losing the editor's code, unreadable data is set aside with
 * a notice, and two tabs never silently overwrite each other's draft.
 */
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { editorText, openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { fnv1aHex } from '../../src/sim/hash.ts';
import { courseExercise } from '../../src/course/course-facts.ts';

const exercise = courseExercise('backoff-jitter');
const STORAGE_KEY = 'system-design-lab';
const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key) ?? '', STORAGE_KEY);
const storedDraft = async (page: Page) => (JSON.parse((await stored(page)) || '{"drafts":{}}') as { drafts: Record<string, { code: string }> }).drafts[exercise.id]?.code;
const islandOf = (page: Page) => page.getByRole('region', { name: exercise.title });

async function reopen(page: Page) {
  const island = await openExercise(page, exercise);
  await expect(island.getByText('Your saved draft was restored.')).toBeVisible();
  return island;
}

test('a draft saved while typing survives a tab killed without any unload event', async ({ context }) => {
  const doomed = await context.newPage();
  // This tab never gets to react to leaving: pagehide, visibilitychange and unload listeners are dropped.
  await doomed.addInitScript(() => {
    const addEventListener = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
      if (['pagehide', 'visibilitychange', 'unload', 'beforeunload'].includes(type)) return;
      return (addEventListener as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof addEventListener;
  });
  const draft = `// typed before the crash\n${exercise.starter}`;
  await pasteCode(doomed, await openExercise(doomed, exercise), draft);
  await expect.poll(() => storedDraft(doomed)).toBe(draft);
  await doomed.close({ runBeforeUnload: false });

  const page = await context.newPage();
  const island = await reopen(page);
  expect(await editorText(island)).toBe(draft);
});

test('leaving the page saves at once, before the typing pause is over', async ({ page }) => {
  const island = await openExercise(page, exercise);
  // Stop the page's clock: the debounced save cannot fire, only leaving the page can save.
  await page.clock.install();
  await page.clock.pauseAt(new Date(Date.now() + 60_000));
  const draft = `// typed just before leaving\n${exercise.starter}`;
  await pasteCode(page, island, draft);
  await expect.poll(() => editorText(island)).toBe(draft);
  expect(await storedDraft(page)).toBeUndefined();
  await page.goto('/');
  expect(await storedDraft(page)).toBe(draft);
});

test.describe('when the storage is full', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript((key) => {
      const setItem = Storage.prototype.setItem;
      Object.assign(window, { storageIsFull: true });
      Storage.prototype.setItem = function (this: Storage, name: string, value: string) {
        if ((window as unknown as { storageIsFull: boolean }).storageIsFull && name.startsWith(key)) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        setItem.call(this, name, value);
      };
    }, STORAGE_KEY);
  });

  test('a warning says the code is not saved, the editor keeps it, and saving resumes once there is room', async ({ page }) => {
    const island = await openExercise(page, exercise);
    await pasteCode(page, island, exercise.solution);
    const warning = island.getByRole('alert');
    await expect(warning).toContainText("Your browser's storage for this site is full, so your latest changes are not saved.");
    expect(await editorText(island)).toBe(exercise.solution);
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`All ${exercise.tests.length} tests passed.`);
    expect(await editorText(island)).toBe(exercise.solution);

    await page.evaluate(() => Object.assign(window, { storageIsFull: false }));
    await island.getByRole('textbox', { name: 'Code editor for the exercise' }).press('End');
    await page.keyboard.type(' ');
    await expect(island.getByText('Your code is saved again.')).toBeVisible();
    await expect(warning).toBeHidden();
    expect(await storedDraft(page)).toBe(await editorText(island));
  });
});

test.describe('unreadable saved data', () => {
  const cases = [
    { name: 'damaged data', raw: '{"version":2,"drafts":{"backoff-jitter":', notice: /Your saved course data could not be read \(it is not JSON\)/ },
    { name: 'data from a newer version of the course', raw: '{"version":3,"drafts":"kept as it is"}', notice: /written by a newer version of this course/ },
  ];
  for (const { name, raw, notice } of cases) {
    test(`${name} is set aside under a backup key with a notice, and the page works`, async ({ page }) => {
      await page.goto('/');
      await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, raw]);
      const island = await openExercise(page, exercise);
      const alert = island.getByRole('alert');
      await expect(alert).toContainText(notice);
      const key = /under the key “(system-design-lab:set-aside:\d+)”/.exec(await alert.innerText())?.[1];
      expect(key).toBeDefined();
      expect(await page.evaluate((backupKey) => localStorage.getItem(backupKey), key!)).toBe(raw);
      expect(await editorText(island)).toBe(exercise.starter);

      const draft = `// fresh start\n${exercise.starter}`;
      await pasteCode(page, island, draft);
      await expect.poll(() => storedDraft(page)).toBe(draft);
      expect(await page.evaluate((backupKey) => localStorage.getItem(backupKey), key!)).toBe(raw);
    });
  }

  test('the home page tells the learner too, and still shows the lessons', async ({ page }) => {
    await page.goto('/');
    await page.evaluate((key) => localStorage.setItem(key, 'not json at all'), STORAGE_KEY);
    await page.reload();
    await expect(page.getByRole('alert')).toContainText('Your saved course data could not be read (it is not JSON)');
    await expect(page.getByText(/^0 of \d+ exercises solved$/)).toBeVisible();
  });
});

test('a draft saved by the first release (format 1) is migrated and restored', async ({ page }) => {
  const draft = `// saved by the first release\n${exercise.starter}`;
  const v1 = { version: 1, drafts: { [exercise.id]: { starterHash: fnv1aHex(exercise.starter), code: draft, savedAt: 1 } }, solved: { [exercise.id]: { solvedAt: 1 } } };
  await page.goto('/');
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, JSON.stringify(v1)]);
  const island = await reopen(page);
  expect(await editorText(island)).toBe(draft);
  await expect(island.getByText('Solved', { exact: true })).toBeVisible();
  await pasteCode(page, island, `${draft}// edited\n`);
  await expect.poll(async () => JSON.parse(await stored(page)).version).toBe(2);
});

test('two tabs on one exercise never overwrite each other silently: the learner chooses', async ({ context }) => {
  const [first, second] = [await context.newPage(), await context.newPage()];
  const firstIsland = await openExercise(first, exercise);
  const secondIsland = await openExercise(second, exercise);
  const conflictIn = (page: Page) => islandOf(page).getByRole('group', { name: /A newer draft of this exercise was saved in another tab/ });

  const fromFirst = `// from the first tab\n${exercise.starter}`;
  await pasteCode(first, firstIsland, fromFirst);
  await expect.poll(() => storedDraft(first)).toBe(fromFirst);
  await expect(conflictIn(second)).toBeVisible();

  // The second tab edits on: its code stays in its editor, but the first tab's draft is not overwritten.
  const fromSecond = `// from the second tab\n${exercise.starter}`;
  await pasteCode(second, secondIsland, fromSecond);
  // Leaving the page saves at once (see above); here it must not, so the first tab's draft stays.
  await second.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  expect(await storedDraft(second)).toBe(fromFirst);
  expect(await editorText(secondIsland)).toBe(fromSecond);

  await conflictIn(second).getByRole('button', { name: "Load the other tab's draft" }).click();
  expect(await editorText(secondIsland)).toBe(fromFirst);
  await expect(secondIsland.getByText("The other tab's draft is in the editor. Undo brings your code back.")).toBeVisible();
  await expect(conflictIn(second)).toBeHidden();

  // Now the second tab saves a newer draft; the first tab is asked, and keeping its code saves it on purpose.
  const newerFromSecond = `// newer, from the second tab\n${exercise.starter}`;
  await pasteCode(second, secondIsland, newerFromSecond);
  await expect.poll(() => storedDraft(second)).toBe(newerFromSecond);
  await expect(conflictIn(first)).toBeVisible();
  await conflictIn(first).getByRole('button', { name: 'Keep my code' }).click();
  await expect(firstIsland.getByText("Your code is saved and replaces the other tab's draft.")).toBeVisible();
  expect(await storedDraft(first)).toBe(fromFirst);
  await expect(conflictIn(second)).toBeVisible();
});
