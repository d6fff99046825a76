/**
 * A failing simulated test shows the learner's own run: a space-time diagram named for the run, the
 * violation highlighted, a cursor stepped by keyboard and buttons, the same events as a table, and a replay
 * that draws the same run again. One wrong variant per exercise whose failure records a run.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import { editorText, openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { courseExercise } from '../../src/course/course-facts.ts';
import { failureRunVariants } from '../support/failure-run-variants.ts';

const wrongVariant = (id: string, file: string) => readFileSync(new URL(`../../exercises/${id}/wrong/${file}`, import.meta.url), 'utf8');

for (const [id, file] of Object.entries(failureRunVariants)) {
  test(`${id}: wrong/${file} fails with its run drawn, steppable and replayable`, async ({ page }) => {
    const exercise = courseExercise(id);
    const island = await openExercise(page, exercise);
    await pasteCode(page, island, wrongVariant(id, file));
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed\./);

    const view = island.getByRole('region', { name: 'Your failing run' });
    const diagram = view.getByRole('img', { name: /^Space-time diagram of your run \(seed -?\d+\)/ });
    await expect(diagram).toBeVisible();
    await expect(view.getByRole('heading', { name: /^Your run: / })).toBeVisible();
    // The cursor starts where the property broke: the step says so.
    const step = view.locator('.sdl-run-view__step');
    await expect(step).toContainText('(part of the failure)');
    const total = Number((await step.innerText()).match(/^Step \d+ of (\d+)/)![1]);

    const canvas = view.getByRole('group', { name: /^Your run\. Step through its events/ });
    // A dashed line marks the cursor's time on the diagram.
    const cursorX = () => view.locator('svg line.run-cursor').evaluate((line) => Number(line.getAttribute('x1')));
    await canvas.focus();
    await page.keyboard.press('Home');
    await expect(step).toHaveText(new RegExp(`^Step 1 of ${total},`));
    const firstX = await cursorX();
    await page.keyboard.press('ArrowRight');
    await expect(step).toHaveText(new RegExp(`^Step ${Math.min(2, total)} of ${total},`));
    await page.keyboard.press('End');
    await expect(step).toHaveText(new RegExp(`^Step ${total} of ${total},`));
    expect(await cursorX()).toBeGreaterThanOrEqual(firstX);
    await view.getByRole('button', { name: 'Previous event' }).click();
    await expect(step).toHaveText(new RegExp(`^Step ${Math.max(1, total - 1)} of ${total},`));

    // The text alternative: the same events, one row per step, the current one marked.
    await view.getByText('Show the events as a table').click();
    const table = view.getByRole('table', { name: 'The events of your run, in order' });
    await expect(table.getByRole('row')).toHaveCount(total + 1);
    await expect(table.locator('tr[aria-current="step"] th')).toHaveText(String(Math.max(1, total - 1)));

    const before = await diagram.evaluate((svg) => svg.querySelector('desc')?.textContent ?? '');
    await view.getByRole('button', { name: 'Replay this run' }).click();
    await expect(view.getByText(/^Replayed seed -?\d+ on the same code/)).toBeVisible();
    const after = await view.getByRole('img', { name: /^Space-time diagram of your run/ }).evaluate((svg) => svg.querySelector('desc')?.textContent ?? '');
    expect(after).toBe(before);
  });
}

// The steps table's rows are made just after the diagram's first frame (src/site/run-view/steps-table.ts): on a
// long run (300 events) the table is still whole, its current row follows the cursor, and neither making the
// rows nor opening the table says the step again.
test('a long run’s table is complete right after its diagram, and the cursor marks its rows', async ({ page }) => {
  const exercise = courseExercise('availability-math');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrongVariant('availability-math', failureRunVariants['availability-math']!));
  await island.getByRole('button', { name: 'Run tests' }).click();
  const view = island.getByRole('region', { name: 'Your failing run' });
  await expect(view.getByRole('img', { name: /^Space-time diagram of your run/ })).toBeVisible();
  const step = view.locator('.sdl-run-view__step');
  const [, start, total] = ((await step.innerText()).match(/^Step (\d+) of (\d+),/) ?? []).map(Number);
  expect(total).toBeGreaterThan(100);
  // The step's live text, watched from here on: it changes only when the cursor moves.
  await step.evaluate((caption) => {
    const counter = window as unknown as { captionChanges: number };
    counter.captionChanges = 0;
    new MutationObserver((records) => {
      counter.captionChanges += records.length;
    }).observe(caption, { childList: true, characterData: true, subtree: true });
  });

  // Made without the learner opening the table, one row per step under the header row.
  const table = view.getByRole('table', { name: 'The events of your run, in order', includeHidden: true });
  await expect(table.getByRole('row', { includeHidden: true })).toHaveCount(total! + 1);
  await view.getByText('Show the events as a table').click();
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(total! + 1);
  await expect(table.locator('tr[aria-current="step"] th')).toHaveText(String(start));
  expect(await page.evaluate(() => (window as unknown as { captionChanges: number }).captionChanges)).toBe(0);

  await view.getByRole('group', { name: /^Your run\. Step through its events/ }).focus();
  await page.keyboard.press('Home');
  await expect(step).toHaveText(new RegExp(`^Step 1 of ${total},`));
  await expect(table.locator('tr[aria-current="step"] th')).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveText(new RegExp(`^Step 2 of ${total},`));
  await expect(table.locator('tr[aria-current="step"]')).toHaveCount(1);
  await expect(table.locator('tr[aria-current="step"] th')).toHaveText('2');
});

test('a failing scenario is shrunk before it is drawn, and each step says what its node holds', async ({ page }) => {
  const exercise = courseExercise('gcounter');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrongVariant('gcounter', 'merge-adds.ts'));
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText(/\d+ of \d+ tests passed\./);

  const view = island.getByRole('region', { name: 'Your failing run' }).first();
  await expect(view.getByText(/Shrunk before it was drawn: the test failed on a run of \d+ events; the smallest run found that still fails it has \d+ \(clients 3 → 1/)).toBeVisible();
  const step = view.locator('.sdl-run-view__step');
  await view.getByRole('group', { name: /^Your run\. Step through its events/ }).focus();
  await page.keyboard.press('End');
  // The last step is a replica's gossip timer: the step says what the replica holds (a G-Counter's counts).
  await expect(step).toHaveText(/^Step (\d+) of \1, at \d+ ms: [ABC]: timer gossip fires\. [ABC] now holds \{.*\}\.$/);
  await view.getByText('Show the events as a table').click();
  const table = view.getByRole('table', { name: 'The events of your run, in order' });
  await expect(table.getByRole('columnheader', { name: 'State after' })).toBeVisible();
});

test('a copied link to a run, opened elsewhere, shows the same run and leaves that visitor’s draft alone until they choose', async ({ page, browser, baseURL }) => {
  const exercise = courseExercise('cap-register');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrongVariant('cap-register', 'cp-answers-minority-reads-locally.ts'));
  await island.getByRole('button', { name: 'Run tests' }).click();
  const view = island.getByRole('region', { name: 'Your failing run' });
  const diagram = view.getByRole('img', { name: /^Space-time diagram of your run/ });
  await expect(diagram).toBeVisible();
  const shown = await diagram.evaluate((svg) => svg.querySelector('desc')?.textContent ?? '');
  await view.getByRole('button', { name: 'Copy link to this run' }).click();
  await expect(view.getByText(/^A link to this run, with your code in it, is on the clipboard/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/${exercise.lesson}/#run=[A-Za-z0-9_-]+$`));

  // Another visitor, with a draft of their own for this exercise.
  const visitor = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const errors: string[] = [];
  const watch = (opened: import('@playwright/test').Page) => {
    opened.on('pageerror', (error) => errors.push(error.message));
    opened.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return opened;
  };
  const other = watch(await visitor.newPage());
  const theirs = await openExercise(other, exercise);
  const draft = `// the visitor's own draft\n${exercise.starter}`;
  await pasteCode(other, theirs, draft);
  await expect.poll(() => other.evaluate(() => localStorage.getItem('system-design-lab') ?? '')).toContain("the visitor's own draft");

  // Pasted into the address bar of the lesson already open, the link changes only the fragment.
  await other.goto(link);
  await expect(theirs.getByRole('region', { name: 'Your failing run' }).getByText(/^This run came from a link/)).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => editorText(theirs)).toContain("the visitor's own draft");

  // Opened in a new tab, the page loads with it.
  const opened = watch(await visitor.newPage());
  await opened.goto(link);
  const linked = opened.getByRole('region', { name: exercise.title });
  const linkedView = linked.getByRole('region', { name: 'Your failing run' });
  await expect(linkedView.getByText(/^This run came from a link/)).toBeVisible({ timeout: 30_000 });
  const linkedDiagram = linkedView.getByRole('img', { name: /^Space-time diagram of your run/ });
  expect(await linkedDiagram.evaluate((svg) => svg.querySelector('desc')?.textContent ?? '')).toBe(shown);
  await expect.poll(() => editorText(linked)).toContain("the visitor's own draft");
  expect(await opened.evaluate(() => localStorage.getItem('system-design-lab') ?? '')).toContain("the visitor's own draft");

  await linkedView.getByRole('button', { name: 'Put the code from the link in the editor' }).click();
  const dialog = opened.getByRole('dialog', { name: 'Put the code from the link in the editor?' });
  await dialog.getByRole('button', { name: 'Use the code from the link' }).click();
  await expect.poll(() => editorText(linked)).toContain(firstLine(wrongVariant('cap-register', 'cp-answers-minority-reads-locally.ts')));
  await expect(linked.getByText('The code from the link is in the editor. Undo brings your code back.')).toBeVisible();
  await visitor.close();
  expect(errors).toEqual([]);
});

const firstLine = (code: string) => code.split('\n').find((line) => line.trim() !== '')!.trim();

test('a wrong answer to a generated case reads as a table, with a diff of the two answers and no framework words', async ({ page }) => {
  const exercise = courseExercise('cap-register');
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, wrongVariant('cap-register', 'merge-keeps-older.ts'));
  await island.getByRole('button', { name: 'Run tests' }).click();
  const results = resultsIn(island);
  const item = results.getByRole('listitem').filter({ hasText: 'agrees with the reference on generated versions' });
  const table = item.getByRole('table', { name: 'The smallest generated case where your answer differs' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['Call', 'Your answer', 'Expected']);
  const cells = table.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(/^lwwMerge\(/);
  expect(await cells.nth(1).innerText()).not.toBe(await cells.nth(2).innerText());
  await expect(item.getByText('How the answers differ (- expected, + yours):')).toBeVisible();
  await expect(item.locator('.sdl-diff--yours').first()).toBeVisible();
  await expect(item.locator('.sdl-diff--expected').first()).toBeVisible();
  await expect(item.getByText(/^Found by case \d+ of seed \d+, then shrunk/)).toBeVisible();
  // Said once: the call appears in the table only, the seed in one line, and no test-framework words anywhere.
  const said = await item.innerText();
  expect(said.split('lwwMerge(').length - 1).toBe(1);
  expect(said.match(/seed \d+/gi) ?? []).toHaveLength(1);
  expect(said).not.toContain('Events that led here');
  expect(await results.innerText()).not.toContain('Object.is');
});
