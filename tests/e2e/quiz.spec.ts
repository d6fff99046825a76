import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import type { Locator, Page } from '@playwright/test';
import { distDir } from './support/dist-dir.ts';

/**
 * Every built page with a knowledge check or a simulation figure is driven the way a learner would:
 * keyboard only, by roles and accessible names. What counts as right or wrong is read from the page's own
 * "every answer with its explanation" list, so these tests follow the lessons' content as it changes.
 */
const builtPages = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('index.html'))
  .map((file) => ({ path: `/${file.replace(/index\.html$/, '')}`, html: readFileSync(`${distDir}${file}`, 'utf8') }));
const quizPages = builtPages.filter((page) => page.html.includes('<sdl-quiz')).map((page) => page.path);
const figurePages = builtPages.filter((page) => page.html.includes('sdl-figure')).map((page) => page.path);

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

interface OptionFacts {
  readonly name: string;
  readonly right: boolean;
  readonly feedback: string;
}

/** Each option's accessible name, whether it is right, and its feedback, from the explanation list. */
async function optionsOf(question: Locator): Promise<OptionFacts[]> {
  const names = await question.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio.closest('label')?.textContent ?? '').trim()));
  // The list sits in a closed <details>: read it without opening it, as a learner who has not peeked.
  const explanations = await question.getByRole('listitem', { includeHidden: true }).allTextContents();
  return names.map((raw, index) => {
    const name = squash(raw);
    const explanation = squash(explanations[index] ?? '');
    const right = explanation.startsWith('Right:');
    const prefix = `${right ? 'Right' : 'Wrong'}: ${name} — `;
    expect(explanation.startsWith(prefix), `explanation ${index + 1} reads "${explanation}"`).toBe(true);
    return { name, right, feedback: explanation.slice(prefix.length) };
  });
}

/** Selects option `index` of a radio group from the keyboard: Space on the first, then arrow down. */
async function chooseWithKeyboard(page: Page, question: Locator, index: number): Promise<void> {
  await question.getByRole('radio').first().focus();
  await page.keyboard.press('Space');
  for (let step = 0; step < index; step++) await page.keyboard.press('ArrowDown');
  await expect(question.getByRole('radio').nth(index)).toBeChecked();
}

test('the build has lessons with a knowledge check and with simulation figures', () => {
  expect(quizPages.length).toBeGreaterThan(0);
  expect(figurePages.length).toBeGreaterThan(0);
});

for (const path of quizPages) {
  test.describe(`the knowledge check on ${path}`, () => {
    test('is answered with the keyboard alone, and the feedback is announced in a live region', async ({ page }) => {
      await page.goto(path);
      const question = page.getByRole('group', { name: /^Question 1 of [2-4]\b/ });
      const options = await optionsOf(question);
      expect(options.filter((option) => option.right)).toHaveLength(1);
      const wrong = options.findIndex((option) => !option.right);
      const right = options.findIndex((option) => option.right);

      await chooseWithKeyboard(page, question, wrong);
      await page.keyboard.press('Tab');
      const check = question.getByRole('button', { name: 'Check answer' });
      await expect(check).toBeFocused();
      await page.keyboard.press('Enter');
      const feedback = question.getByRole('status');
      await expect(feedback).toHaveText(`Not quite. ${options[wrong]!.feedback}`);

      // Back into the group (Shift+Tab lands on the checked radio); moving to another option clears the verdict.
      await page.keyboard.press('Shift+Tab');
      for (let step = 0; step < Math.abs(right - wrong); step++) await page.keyboard.press(right > wrong ? 'ArrowDown' : 'ArrowUp');
      await expect(question.getByRole('radio', { name: options[right]!.name, exact: true })).toBeChecked();
      await expect(feedback).toHaveText('');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(feedback).toHaveText(`Correct. ${options[right]!.feedback}`);
      // The answer was checked in place: no navigation, no form submission.
      expect(new URL(page.url()).search).toBe('');
    });

    test('asks for a choice before checking, and keeps each question to itself', async ({ page }) => {
      await page.goto(path);
      const first = page.getByRole('group', { name: /^Question 1 of/ });
      const second = page.getByRole('group', { name: /^Question 2 of/ });
      await second.getByRole('button', { name: 'Check answer' }).click();
      await expect(second.getByRole('status')).toHaveText('Choose an answer first.');
      await expect(first.getByRole('status')).toHaveText('');
    });
  });
}

test.describe('a knowledge check without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('hides the Check button and still offers every answer with its explanation', async ({ page }) => {
    await page.goto(quizPages[0]!);
    const question = page.getByRole('group', { name: /^Question 1 of/ });
    await expect(question.getByRole('button', { name: 'Check answer' })).toBeHidden();
    await question.getByText('Show every answer with its explanation').click();
    const items = question.getByRole('listitem');
    await expect(items).toHaveCount(await question.getByRole('radio').count());
    for (const item of await items.all()) {
      await expect(item).toBeVisible();
      await expect(item).toHaveText(/^(Right|Wrong): .+ — .+/);
    }
  });
});

for (const path of figurePages) {
  test(`every simulation figure on ${path} is a named image with a caption and a text description`, async ({ page }) => {
    await page.goto(path);
    const figures = page.locator('figure.sdl-figure');
    const count = await figures.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index++) {
      const figure = figures.nth(index);
      const title = squash((await figure.locator('svg > title').textContent()) ?? '');
      expect(title.length).toBeGreaterThan(0);
      await expect(figure.getByRole('img', { name: title, exact: true })).toBeVisible();
      await expect(page.getByRole('figure', { name: squash((await figure.locator('figcaption').textContent()) ?? ''), exact: true })).toBeVisible();
      const describe = figure.getByText('Describe this figure');
      await describe.focus();
      await page.keyboard.press('Enter');
      const description = figure.getByRole('list').or(figure.getByRole('table'));
      await expect(description).toBeVisible();
      expect(await figure.getByRole('listitem').or(figure.getByRole('row')).count()).toBeGreaterThan(1);
    }
  });
}
