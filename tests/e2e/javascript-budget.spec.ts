import { readdirSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import { distDir } from './support/dist-dir.ts';
import { gzipBytesOfBuiltFiles, measurePageJavaScript, recordScripts, scriptsSettled } from '../support/page-javascript.ts';
import { courseLessons } from '../../src/course/course-facts.ts';

/** Before the editor is activated, a page may ship at most this much JavaScript (gzip). Monaco loads on demand. */
const BUDGET_GZIP_BYTES = 50 * 1024;
const builtPages = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('index.html'));

test('the build has every lesson page this budget is about', () => {
  for (const lesson of courseLessons()) expect(builtPages).toContain(`${lesson.slug}/index.html`);
});

for (const page of builtPages) {
  test(`${page} ships at most 50 KB gzip of JavaScript before the editor loads`, () => {
    const measured = measurePageJavaScript(distDir, page);
    test.info().annotations.push({ type: 'gzip bytes', description: `${measured.gzipBytes} (${measured.files.join(', ')})` });
    expect(measured.files.length).toBeGreaterThan(0);
    expect(measured.files.some((file) => /monaco|editor\.api|ts\.worker/.test(file)), 'Monaco must not load with the page').toBe(false);
    expect(measured.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
}

/**
 * What the HTML references is not all a page fetches: code imported when the browser is idle, or when a
 * figure starts, arrives without anyone asking for it. Counted on the network, after the page has loaded,
 * the browser has been idle and no script has arrived for a while — but before any editor is activated.
 */
for (const lesson of courseLessons()) {
  test(`/${lesson.slug}/ fetches at most 50 KB gzip of JavaScript before an editor is activated, idle-time imports included`, async ({ page }) => {
    const fetched = recordScripts(page, new URL(test.info().project.use.baseURL!).origin);
    await page.goto(`/${lesson.slug}/`);
    await page.evaluate(() => new Promise<void>((idle) => requestIdleCallback(() => idle(), { timeout: 5_000 })));
    await scriptsSettled(page, fetched);
    const inline = measurePageJavaScript(distDir, `${lesson.slug}/index.html`);
    const inlineGzip = inline.gzipBytes - gzipBytesOfBuiltFiles(distDir, inline.files);
    const total = inlineGzip + gzipBytesOfBuiltFiles(distDir, fetched);
    test.info().annotations.push({ type: 'gzip bytes', description: `${total} (${fetched.join(', ')})` });
    expect(fetched.some((file) => /monaco|editor\.api|ts\.worker/.test(file)), 'Monaco must not load before an editor is activated').toBe(false);
    expect(fetched.some((file) => /ui-core/.test(file)), 'the search UI loads when the learner reaches for search').toBe(false);
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
}
