import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import { editorIn, openExercise, resultsIn } from '../support/exercise-island.ts';
import { courseExercise, courseLessons } from '../../src/course/course-facts.ts';

const backoff = courseExercise('backoff-jitter');
const lessons = courseLessons();
const exerciseCount = lessons.reduce((count, lesson) => count + lesson.exercises.length, 0);

test('the home page says what the course is and lists the lessons in order', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'System Design Lab' })).toBeVisible();
  await expect(page.getByText(/Learn system design by running it/).first()).toBeVisible();
  const lessonLinks = page.getByRole('list').filter({ hasText: lessons[0]!.title }).getByRole('link');
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(lessonLinks).toHaveText(lessons.map((lesson) => new RegExp(`^${String(lesson.order).padStart(2, '0')}\\s*${escaped(lesson.title)}$`)));
  await expect(page.getByText(`0 of ${exerciseCount} exercises solved`)).toBeVisible();
});

test('progress and drafts export to a file and import again', async ({ page }) => {
  await page.goto('/');
  // Every exercise of the lesson is solved, so the sidebar marks the lesson.
  const lessonExercises = lessons.find((lesson) => lesson.slug === backoff.lesson)!.exercises;
  const backup = {
    version: 1,
    drafts: { [backoff.id]: { starterHash: 'ffffffff', code: '// imported draft\n', savedAt: 1 } },
    solved: Object.fromEntries(lessonExercises.map((id) => [id, { solvedAt: 1 }])),
  };
  const solvedSummary = `${lessonExercises.length} of ${exerciseCount} exercises solved`;
  await page.locator('input[type="file"]').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await expect(page.getByText(`Imported 1 drafts and ${lessonExercises.length} solved exercises.`)).toBeVisible();
  await expect(page.getByText(solvedSummary)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const file = await (await download).path();
  // A file from the first release (format 1) comes back in today's format: the draft has a revision now.
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
    version: 2,
    drafts: { [backoff.id]: { ...backup.drafts[backoff.id], revision: 2 } },
    solved: backup.solved,
  });

  await page.locator('input[type="file"]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":3}') });
  await expect(page.getByText(/That file is not a System Design Lab progress file: version: 3 is newer/)).toBeVisible();
  await expect(page.getByText(solvedSummary)).toBeVisible();

  // The imported draft was made for another starter: the learner is asked before it is used.
  await page.goto(`/${backoff.lesson}/`);
  await expect(page.getByRole('link', { name: /Reliability and resiliency.*\(solved\)/ })).toBeVisible();
  await page.getByRole('region', { name: backoff.title }).scrollIntoViewIfNeeded();
  const dialog = page.getByRole('dialog', { name: 'This exercise has changed' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep my draft' }).click();
  await expect(page.getByRole('region', { name: backoff.title }).getByText('// imported draft')).toBeVisible();
});

test('search finds a lesson', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' }).fill('jitter');
  await expect(page.getByRole('link', { name: /Reliability and resiliency/ }).first()).toBeVisible();
});

test('search opens from the keyboard and loads only then', async ({ page }) => {
  const searchCode: string[] = [];
  page.on('request', (request) => {
    if (/ui-core/.test(request.url())) searchCode.push(request.url());
  });
  await page.goto('/');
  await page.evaluate(() => new Promise<void>((idle) => requestIdleCallback(() => idle(), { timeout: 5_000 })));
  expect(searchCode, 'nothing of the search UI loads before the learner asks for it').toEqual([]);
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
  await expect(search).toBeFocused();
  await page.keyboard.type('quorum');
  await expect(page.getByRole('link', { name: /CAP theorem/ }).first()).toBeVisible();
  expect(searchCode).toHaveLength(1);
});

test('search opened with Ctrl+K before the page is idle still gets its search field', async ({ page }) => {
  // A busy machine can put off idle callbacks for many seconds; here they never come at all, so the search
  // field cannot depend on Starlight's idle-time set-up.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await page.goto('/');
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
  await expect(search).toBeFocused();
  await page.keyboard.type('jitter');
  await expect(page.getByRole('link', { name: /Reliability and resiliency/ }).first()).toBeVisible();
});

test('switching the theme switches the editor theme', async ({ page }) => {
  const island = await openExercise(page, backoff);
  const editorBackground = () => island.locator('.monaco-editor-background').first().evaluate((node) => getComputedStyle(node).backgroundColor);
  const themeSelect = page.getByRole('combobox', { name: 'Select theme' }).first();
  await themeSelect.selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await editorBackground();
  await themeSelect.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(editorBackground).not.toBe(light);
});

test('Monaco is not loaded on pages without an exercise, nor before the exercise is reached', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => {
    requested.push(request.url());
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(requested.some((url) => /monaco|editor\.api/.test(url))).toBe(false);
  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto(`/${backoff.lesson}/`);
  await page.waitForLoadState('networkidle');
  expect(requested.some((url) => /monaco|editor\.api/.test(url))).toBe(false);
  await page.getByRole('region', { name: backoff.title }).scrollIntoViewIfNeeded();
  await expect.poll(() => requested.some((url) => /editor\.api/.test(url))).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a lesson reads fully: text, task and starter code', async ({ page }) => {
    await page.goto(`/${backoff.lesson}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Reliability and resiliency' })).toBeVisible();
    const island = page.getByRole('region', { name: backoff.title });
    await expect(island.getByText(backoff.starter.split('\n')[0]!.trim())).toBeVisible();
    await expect(island.getByRole('button', { name: 'Run tests' })).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Further reading' })).toBeVisible();
  });
});

test.describe('on a narrow touch screen', () => {
  test.use({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });

  test('a plain text area replaces Monaco and the tests still run', async ({ page }) => {
    const island = await openExercise(page, backoff);
    await expect(editorIn(island)).toHaveJSProperty('tagName', 'TEXTAREA');
    // Opening one editor must not unstyle the page's other code blocks: unwrapped code would widen the page
    // past the screen and push the controls under other content.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`0 of ${backoff.tests.length} tests passed.`);
  });
});

test.describe('coming back', () => {
  const breaker = courseExercise('circuit-breaker');
  const gcounter = courseExercise('gcounter');

  test('the home page says where to continue and how far each lesson is; the sidebar marks a partly solved lesson', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: /^Continue:/ })).toBeHidden();
    // One exercise of lesson 05 solved, and code left in lesson 07's G-counter after that.
    const state = {
      version: 2,
      drafts: { [gcounter.id]: { starterHash: 'ffffffff', code: '// half done\n', savedAt: 2_000, revision: 1 } },
      solved: { [backoff.id]: { solvedAt: 1_000 } },
    };
    await page.evaluate((stored) => localStorage.setItem('system-design-lab', JSON.stringify(stored)), state);
    await page.reload();
    const gcounterLesson = lessons.find((lesson) => lesson.slug === gcounter.lesson)!;
    const continueLink = page.getByRole('link', { name: `Continue: ${gcounterLesson.title} — ${gcounter.title}` });
    await expect(continueLink).toBeInViewport();
    await expect(continueLink).toHaveAttribute('href', `/${gcounter.lesson}/#exercise-${gcounter.id}-title`);
    const lesson05 = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /Reliability and resiliency/ }) }).last();
    const lesson05Count = lessons.find((lesson) => lesson.slug === backoff.lesson)!.exercises.length;
    await expect(lesson05.getByText(`1 of ${lesson05Count} solved`)).toBeVisible();
    // Exercises are named by their titles, never by their ids.
    await expect(lesson05.getByText(`${backoff.title}: solved`)).toBeVisible();
    await expect(lesson05.getByText(`${breaker.title}: not solved yet`)).toBeVisible();
    await expect(page.getByText(backoff.id, { exact: true })).toHaveCount(0);

    await page.goto(`/${backoff.lesson}/`);
    await expect(page.getByRole('link', { name: new RegExp(`Reliability and resiliency.*\\(1 of ${lesson05Count} exercises solved\\)`) })).toBeVisible();
  });

  test('the home page is titled once', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('System Design Lab');
    await expect(page.getByRole('figure').filter({ hasText: 'A real run' }).locator('svg').first()).toBeVisible();
  });
});

test.describe('offline before the course was saved on this device', () => {
  // The browser logs each request that fails for want of a network; that is the situation under test.
  test.use({ allowedConsoleErrors: [/net::ERR_INTERNET_DISCONNECTED/] });

  test('search says why it cannot work instead of opening empty', async ({ page, context }) => {
    await page.goto('/');
    await context.setOffline(true);
    await page.getByRole('button', { name: /^Search/ }).click();
    await expect(page.getByRole('dialog', { name: 'Search' }).getByRole('status')).toHaveText(/you are offline, and the search index is not saved on this device yet/);
  });
});
