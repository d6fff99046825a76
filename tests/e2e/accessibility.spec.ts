import { readdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { distDir } from './support/dist-dir.ts';
import { openExercise, readExercise, resultsIn } from './support/exercise.ts';

const pagePaths = readdirSync(distDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .map((file) => `/${file.replace(/index\.html$/, '')}`);

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    // Starlight's search button shows "Search Ctrl K" but is named "Search" (label-content-name-mismatch).
    // It is Starlight's component, not ours; everything else on the page is audited.
    .exclude('button[data-open-modal]')
    .analyze();
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

test('an activated exercise with results has no serious or critical axe violations', async ({ page }) => {
  const exercise = readExercise('backoff-jitter');
  const island = await openExercise(page, exercise);
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText('tests passed');
  expect(await seriousViolations(page)).toEqual([]);
});
