import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { distDir } from './support/dist-dir.ts';
import { readLessons } from './support/course.ts';
import { measurePageJavaScript } from './support/page-javascript.ts';

/** Before the editor is activated, a page may ship at most this much JavaScript (gzip). Monaco loads on demand. */
const BUDGET_GZIP_BYTES = 50 * 1024;
const builtPages = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('index.html'));

test('the build has every lesson page this budget is about', () => {
  for (const lesson of readLessons()) expect(builtPages).toContain(`${lesson.slug}/index.html`);
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
