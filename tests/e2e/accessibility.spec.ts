import { readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { distDir } from './support/dist-dir.ts';
import { openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { courseExercise } from '../../src/course/course-facts.ts';

const pagePaths = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .map((file) => `/${file.replace(/index\.html$/, '')}`);

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const path of pagePaths) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${path} has no serious or critical axe violations in the ${theme} theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}

for (const theme of ['light', 'dark'] as const) {
  // The light theme once drew the editor's comments at 4.23:1.
  test(`an activated exercise with results has no serious or critical axe violations in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const exercise = courseExercise('backoff-jitter');
    const island = await openExercise(page, exercise);
    await expect(island.locator('.monaco-editor .mtk1').first()).toBeVisible();
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText('tests passed');
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`a failing run drawn and stepped through has no serious or critical axe violations in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    const exercise = courseExercise('cap-register');
    const island = await openExercise(page, exercise);
    await pasteCode(page, island, readFileSync(new URL('../../exercises/cap-register/wrong/cp-answers-minority-reads-locally.ts', import.meta.url), 'utf8'));
    await island.getByRole('button', { name: 'Run tests' }).click();
    const view = island.getByRole('region', { name: 'Your failing run' });
    await expect(view.getByRole('img', { name: /^Space-time diagram of your run/ })).toBeVisible();
    await view.getByRole('button', { name: 'Previous event' }).click();
    await view.getByText('Show the events as a table').click();
    await expect(view.getByRole('table')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
