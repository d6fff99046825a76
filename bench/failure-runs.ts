/**
 * `failure-runs`: what a failing simulated test adds to a learner's wait. For each exercise the e2e suite shows
 * a failing run for (tests/support/failure-run-variants.ts), in headless Chromium against the built site: the
 * wrong variant is run, and the bench times the run's diagram from the results' first frame to its own first
 * frame, the same on a second run, and "Replay this run" from the click to the redrawn diagram's first frame.
 * Once the view's code is loaded the diagram is drawn in the results' own task, so it shares their frame; what
 * drawing it costs then shows in the time from the grading's reply to that frame (`firstShownMs`, `shownMs`).
 *
 * Before the first click the bench waits, as a learner reading the exercise would, until the page has been idle
 * long enough for the run view to warm itself up (src/site/run-view/warm-up.ts sets a User Timing mark when it has):
 * pasting and clicking within a few milliseconds of the editor opening would race that idle-time work, which no
 * learner does. `benchFailureRuns(ids, { waitForWarmUp: false })` clicks at once instead, and measures the race.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { editorIn, editorText, pasteCode } from '../tests/support/exercise-island.ts';
import { failureRunVariants } from '../tests/support/failure-run-variants.ts';
import { courseExercise } from '../src/course/course-facts.ts';
import { RUN_VIEW_WARMED_UP } from '../src/site/run-view/warm-up.ts';
import { clearProbe, readProbe, useSite } from './site.ts';
import type { Probe } from './site.ts';
import { roundMs } from './stats.ts';

export interface FailureRunRow {
  readonly exercise: string;
  readonly variant: string;
  /** Results' first frame to the diagram's first frame, on the page's first failing run (the first real run the view draws). */
  readonly firstPaintMs: number;
  /** The same on a second run. */
  readonly paintMs: number;
  /** The grading's reply to the first frame with both the results and the diagram, on the first failing run. */
  readonly firstShownMs: number;
  /** The same on a second run. */
  readonly shownMs: number;
  /** "Replay this run" clicked to the redrawn diagram's first frame: a fresh worker grades that one test. */
  readonly replayMs: number;
  /** Events in the drawn run, and in the whole run it was cut from. */
  readonly events: number;
  readonly totalEvents: number;
}

const probeOf = (page: Page) => readProbe(page);

async function waitFor(page: Page, ready: (probe: Probe) => boolean): Promise<Probe> {
  for (let tries = 0; tries < 600; tries++) {
    const probe = await probeOf(page);
    if (ready(probe)) return probe;
    await page.waitForTimeout(50);
  }
  throw new Error('the probe did not see the run drawn within 30 s');
}

/** A run's diagram: from the results' first frame to its own, and from the grading's reply to whichever frame came later. */
async function drawnAfterRun(page: Page, island: Locator): Promise<{ paintMs: number; shownMs: number }> {
  await clearProbe(page);
  await island.getByRole('button', { name: 'Run tests' }).click();
  const probe = await waitFor(page, (seen) => seen.results.length > 0 && seen.runDrawn.length > 0);
  const grade = probe.sent.find((call) => call.method === 'grade');
  const graded = probe.received.find((reply) => reply.id === grade?.id);
  if (graded === undefined) throw new Error(`the probe missed the grading's reply: ${JSON.stringify(probe)}`);
  const drawnAt = probe.runDrawn[0]!.paintedAt;
  const resultsAt = probe.results[0]!.paintedAt;
  return { paintMs: drawnAt - resultsAt, shownMs: Math.max(drawnAt, resultsAt) - graded.at };
}

/** How long the page may take to warm the run view up once the editor is open (idle callbacks wait at most 2 s each). */
const WARM_UP_LIMIT_MS = 15_000;

async function waitForWarmUp(page: Page, id: string): Promise<void> {
  try {
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, RUN_VIEW_WARMED_UP, { timeout: WARM_UP_LIMIT_MS, polling: 50 });
  } catch {
    throw new Error(`${id}: the run view did not warm up within ${WARM_UP_LIMIT_MS / 1000} s of the editor opening`);
  }
}

export interface FailureRunOptions {
  /** Wait for the run view's idle-time warm-up before the first Run click, as a learner's pause would allow (default true). */
  readonly waitForWarmUp?: boolean;
}

async function benchVariant(id: string, variant: string, options: FailureRunOptions): Promise<FailureRunRow> {
  const exercise = courseExercise(id);
  const code = readFileSync(new URL(`../exercises/${id}/wrong/${variant}`, import.meta.url), 'utf8');
  const site = await useSite();
  const { context, page } = await site.newPage();
  try {
    await page.goto(`/${exercise.lesson}/`);
    const island = page.getByRole('region', { name: exercise.title });
    await island.scrollIntoViewIfNeeded();
    await editorIn(island).waitFor({ state: 'attached' });
    await pasteCode(page, island, code);
    for (let tries = 0; (await editorText(island)).trim() !== code.trim(); tries++) {
      if (tries > 100) throw new Error(`${id}: the wrong variant did not arrive in the editor`);
      await page.waitForTimeout(20);
    }
    if (options.waitForWarmUp ?? true) await waitForWarmUp(page, id);
    const first = await drawnAfterRun(page, island);
    await page.waitForTimeout(300);
    const second = await drawnAfterRun(page, island);
    const about = await island.locator('.sdl-run-view .sdl-run-view__note').first().innerText();
    const [events, totalEvents] = (about.match(/shows (\d+) of the run’s (\d+) events/) ?? []).slice(1).map(Number);
    await page.waitForTimeout(300);
    await clearProbe(page);
    await island.getByRole('button', { name: 'Replay this run' }).click();
    const replayed = await waitFor(page, (seen) => seen.runDrawn.length > 0);
    const click = replayed.clicks.find((seen) => seen.label === 'Replay this run');
    if (click === undefined) throw new Error(`${id}: the probe missed the click on Replay this run`);
    return {
      exercise: id,
      variant,
      firstPaintMs: roundMs(first.paintMs),
      paintMs: roundMs(second.paintMs),
      firstShownMs: roundMs(first.shownMs),
      shownMs: roundMs(second.shownMs),
      replayMs: roundMs(replayed.runDrawn[0]!.paintedAt - click.at),
      events: events ?? Number.NaN,
      totalEvents: totalEvents ?? Number.NaN,
    };
  } finally {
    await context.close();
  }
}

export async function benchFailureRuns(ids: readonly string[] = Object.keys(failureRunVariants), options: FailureRunOptions = {}): Promise<FailureRunRow[]> {
  const rows: FailureRunRow[] = [];
  for (const id of ids) {
    console.error(`failure-runs: ${id}…`);
    rows.push(await benchVariant(id, failureRunVariants[id]!, options));
  }
  return rows;
}
