/**
 * The suite's `test`: Playwright's, plus a watch on every page a test opens. An uncaught error or a console
 * error on any page fails the test that caused it, even when everything the test asserts went right — the
 * learner would have hit the same error. Every spec imports `test` and `expect` from here.
 */
import { test as base, expect } from '@playwright/test';

export { expect };

export const test = base.extend<{ pageErrors: void; allowedConsoleErrors: readonly RegExp[] }>({
  /**
   * Console errors a test causes on purpose, each with its reason beside the `test.use` that allows it (going
   * offline makes the browser log every failed request, for example). Uncaught errors are never allowed.
   */
  allowedConsoleErrors: [[], { option: true }],
  pageErrors: [
    async ({ context, allowedConsoleErrors }, use, testInfo) => {
      const errors: string[] = [];
      const watch = (page: import('@playwright/test').Page) => {
        page.on('pageerror', (error) => errors.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error' && !allowedConsoleErrors.some((allowed) => allowed.test(message.text()))) errors.push(`${page.url()}: console error: ${message.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      // A test that already failed keeps its own message; the page errors are attached to it.
      if (testInfo.status !== testInfo.expectedStatus) {
        if (errors.length > 0) testInfo.annotations.push({ type: 'page errors', description: errors.join('\n') });
        return;
      }
      expect(errors, 'no uncaught error or console error on any page the test visited').toEqual([]);
    },
    { auto: true },
  ],
});
