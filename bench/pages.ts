/**
 * `pages`: what a lesson costs before and after the learner starts editing. For every lesson, in headless
 * Chromium against the built site: the JavaScript (gzip) the page fetched before the editor was activated and
 * after (scripts and worker scripts seen on the network), and click on "Edit this code" to editor ready.
 */
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { EDITOR_NAME } from '../tests/support/exercise-island.ts';
import { scriptsSettled } from '../tests/support/page-javascript.ts';
import { clearProbe, gzipBytesOf, readProbe, useSite } from './site.ts';
import type { Probe } from './site.ts';
import { median, roundMs } from './stats.ts';
import { courseLessons } from '../src/course/course-facts.ts';

const REPEATS = 5;

export interface PageRow {
  readonly lesson: string;
  readonly jsGzipBeforeEditor: number;
  readonly jsGzipAfterEditor: number;
  /** Click on "Edit this code" to the first frame with the editor ready, median of 5 fresh page loads. */
  readonly editorReadyMs: number;
  readonly editorReadyMaxMs: number;
  readonly scriptsBeforeEditor: number;
  readonly scriptsAfterEditor: number;
  /** How the editor started: "on click"; "on load" (an exercise in the first screen, so "before" has none); "no exercise". */
  readonly editor: string;
}

/** Inline scripts count too (the theme script, island bootstraps); JSON data blocks do not. */
async function inlineScriptsGzip(page: Page): Promise<number> {
  const bodies = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((script) => script.getAttribute('type') !== 'application/json')
      .map((script) => script.textContent ?? '')
      .filter((body) => body.trim() !== ''),
  );
  return bodies.reduce((sum, body) => sum + gzipSync(body.trim(), { level: 9 }).length, 0);
}

const scriptsGzip = (paths: readonly string[]): number => paths.reduce((sum, path) => sum + gzipBytesOf(path), 0);

interface PageSample {
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly inlineGzip: number;
  readonly readyMs: number;
  readonly editor: 'on click' | 'on load' | 'no exercise';
}

async function samplePage(slug: string): Promise<PageSample> {
  const site = await useSite();
  const { context, page, scripts } = await site.newPage();
  try {
    await page.goto(`/${slug}/`, { waitUntil: 'load' });
    await scriptsSettled(page, scripts);
    const activate = page.getByRole('button', { name: 'Edit this code' }).first();
    const editor: PageSample['editor'] =
      (await readProbe(page)).editorBusy.length > 0 ? 'on load' : (await activate.count()) === 0 ? 'no exercise' : 'on click';
    const before = [...scripts];
    const inlineGzip = await inlineScriptsGzip(page);
    let readyMs = Number.NaN;
    if (editor === 'on click') {
      await clearProbe(page);
      // A dispatched click, as a keyboard press on the button gives: a pointer click scrolls the button into
      // view first, and scrolling to the exercise starts the editor by itself, racing the click it measures.
      await activate.dispatchEvent('click');
      await page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.editorReady.length > 0, undefined, {
        timeout: 60_000,
      });
      await page.getByRole('textbox', { name: EDITOR_NAME }).first().waitFor({ state: 'attached' });
      const probe = await readProbe(page);
      // Clicking scrolls the island into view, which can start the editor a moment before the click lands.
      const start = Math.min(probe.clicks[0]?.at ?? Infinity, probe.editorBusy[0]?.at ?? Infinity);
      readyMs = (probe.editorReady[0] as Probe['editorReady'][number]).paintedAt - start;
    }
    await scriptsSettled(page, scripts);
    return { before, after: [...scripts], inlineGzip, readyMs, editor };
  } finally {
    await context.close();
  }
}

/** A lesson that could not be measured: the figures are missing (null in the JSON), the reason is given. */
export interface UnmeasuredPageRow {
  readonly lesson: string;
  readonly jsGzipBeforeEditor: number;
  readonly jsGzipAfterEditor: number;
  readonly editorReadyMs: number;
  readonly problem: string;
}

export async function benchPages(slugs: readonly string[] = courseLessons().map((lesson) => lesson.slug)): Promise<(PageRow | UnmeasuredPageRow)[]> {
  const rows: (PageRow | UnmeasuredPageRow)[] = [];
  for (const slug of slugs) {
    console.error(`pages: ${slug}…`);
    const samples: PageSample[] = [];
    try {
      for (let i = 0; i < REPEATS; i++) samples.push(await samplePage(slug));
    } catch (error) {
      // One lesson that cannot be measured (say, it has no exercise yet) must not hide the others.
      const problem = (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
      console.error(`pages: ${slug}: ${problem}`);
      rows.push({ lesson: slug, jsGzipBeforeEditor: Number.NaN, jsGzipAfterEditor: Number.NaN, editorReadyMs: Number.NaN, problem });
      continue;
    }
    const first = samples[0] as PageSample;
    const ready = samples.map((sample) => sample.readyMs).filter((ms) => !Number.isNaN(ms));
    rows.push({
      lesson: slug,
      jsGzipBeforeEditor: first.inlineGzip + scriptsGzip(first.before),
      jsGzipAfterEditor: first.inlineGzip + scriptsGzip(first.after),
      editorReadyMs: ready.length > 0 ? roundMs(median(ready)) : Number.NaN,
      editorReadyMaxMs: ready.length > 0 ? roundMs(Math.max(...ready)) : Number.NaN,
      scriptsBeforeEditor: first.before.length,
      scriptsAfterEditor: first.after.length,
      editor: [...new Set(samples.map((sample) => sample.editor))].join(', '),
    });
  }
  return rows;
}
