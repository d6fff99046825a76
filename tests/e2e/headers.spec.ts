/**
 * The Content-Security-Policy as a static host serves it (the test server applies the build's `_headers`):
 * pages carry their policy in a <meta>, which blocks eval and unlisted inline scripts on the page; the grading
 * worker gets its policy, with 'unsafe-eval', from its own response headers (docs/decisions.md).
 */
import { expect, test } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { editorIn, openExercise, pasteCode, resultsIn } from '../support/exercise-island.ts';
import { courseExercise } from '../../src/course/course-facts.ts';

const exercise = courseExercise('backoff-jitter');
const metaPolicy = (page: Page) => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
const directive = (policy: string, name: string) => policy.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `)) ?? '';

test.describe('every page, a missing one included', () => {
  // The missing page is asked for on purpose: the browser logs its 404 status as a console error.
  test.use({ allowedConsoleErrors: [/status of 404/] });

  test('every page has a Content-Security-Policy before its first script', async ({ page }) => {
    for (const path of ['/', `/${exercise.lesson}/`, '/no-such-page/']) {
      await page.goto(path);
      const policy = (await metaPolicy(page)) ?? '';
      expect(directive(policy, 'script-src')).toMatch(/^script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+$/);
      expect(directive(policy, 'worker-src')).toBe("worker-src 'self'");
      expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
      expect(directive(policy, 'default-src')).toBe("default-src 'self'");
      const firstScript = await page.evaluate(() => {
        const elements = [...document.head.children];
        return {
          meta: elements.findIndex((element) => element.matches('meta[http-equiv="Content-Security-Policy"]')),
          script: elements.findIndex((element) => element.tagName === 'SCRIPT'),
        };
      });
      expect(firstScript.meta).toBeGreaterThanOrEqual(0);
      expect(firstScript.meta).toBeLessThan(firstScript.script);
    }
  });
});

test.describe('the policy at work', () => {
  // The browser reports each script the policy refuses as a console error; refusing them is the point here.
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

  test('code built from strings and injected inline scripts are blocked on the page', async ({ page }) => {
    await page.goto(`/${exercise.lesson}/`);
    // Playwright's own evaluation is exempt from the policy, so the page is made to compile a string itself:
    // a string timer is `eval` by another name, and runs under the document's policy.
    const blocked = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
      (setTimeout as (code: string, ms: number) => number)('window.stringTimerRan = true;', 0);
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true;';
      document.head.append(script);
      await new Promise((settle) => setTimeout(settle, 200));
      return { ran: ['stringTimerRan', 'injectedScriptRan'].filter((name) => name in window), violations: violations.sort() };
    });
    expect(blocked).toEqual({ ran: [], violations: ['script-src eval', 'script-src-elem inline'] });
  });
});

test('Run tests works under the policy: the grading worker gets eval from its own headers, pages do not', async ({ page, request }) => {
  const worker = page.waitForEvent('worker', { predicate: (found) => found.url().includes('/_astro/grader/') });
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, exercise.solution);
  await island.getByRole('button', { name: 'Run tests' }).click();
  await expect(resultsIn(island)).toContainText(`All ${exercise.tests.length} tests passed.`);

  const workerHeaders = (await request.get((await worker).url())).headers();
  expect(workerHeaders['content-security-policy']).toContain("default-src 'none'; script-src 'self' 'unsafe-eval'");
  const pageHeaders = (await request.get(`/${exercise.lesson}/`)).headers();
  expect(pageHeaders['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(pageHeaders['content-security-policy']).not.toMatch(/'unsafe-eval'/);
  expect(await metaPolicy(page)).not.toMatch(/'unsafe-eval'/);
});

test("the worker's response headers are what govern it: without 'unsafe-eval' there, grading cannot evaluate code", async ({ page }) => {
  await page.route('**/_astro/grader/**', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "default-src 'none'; script-src 'self'" } });
  });
  const island = await openExercise(page, exercise);
  await pasteCode(page, island, exercise.solution);
  await editorIn(island).press('ControlOrMeta+Enter');
  await expect(resultsIn(island)).toContainText(/^The tests could not run\..*EvalError.*'unsafe-eval' is not an allowed source/);
  await expect(resultsIn(island)).not.toContainText('tests passed');
});

test.describe('using the site', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { policyViolations: seen });
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
    });
  });
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { policyViolations: string[] }).policyViolations);

  test('reading, editing, running, switching theme and searching break no part of the policy', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' }).fill('jitter');
    await expect(page.getByRole('link', { name: /Reliability and resiliency/ }).first()).toBeVisible();
    expect(await violations(page)).toEqual([]);

    const island = await openExercise(page, exercise);
    await expect(island.locator('.monaco-editor')).toBeVisible();
    await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('light');
    await island.getByRole('button', { name: 'Run tests' }).click();
    await expect(resultsIn(island)).toContainText(`0 of ${exercise.tests.length} tests passed.`);
    expect(await violations(page)).toEqual([]);
  });
});
