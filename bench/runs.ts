/**
 * `runs`: how long a learner waits for test results. For every exercise, in headless Chromium against the
 * built site, with the reference solution pasted into the editor: the first Run tests after the editor is
 * ready (cold) and 20 more (warm), click to the first frame after the results are rendered, with a
 * breakdown of where the time goes, beside the same grading in Node (the floor without a browser).
 */
import { basename } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { editorHolds, editorIn, pasteCode, resultsIn } from '../tests/support/exercise-island.ts';
import { courseExercise } from '../src/course/course-facts.ts';
import type { ExerciseFacts } from '../src/course/course-facts.ts';
import { listExerciseDirs } from '../src/course/exercise-folder.ts';
import { runInNode } from '../src/runner/node.ts';
import { clearProbe, gzipBytesOf, readProbe, useSite } from './site.ts';
import type { Probe } from './site.ts';
import { median, percentile, roundMs } from './stats.ts';

const WARM_RUNS = 20;
/** A learner reads the results before running again; the pause also lets the next spare worker start. */
const PAUSE_BETWEEN_RUNS_MS = 300;
const NODE_RUNS = 3;

export interface RunRow {
  readonly exercise: string;
  readonly lesson: string;
  readonly coldMs: number;
  readonly warmP50Ms: number;
  readonly warmP95Ms: number;
  /** Inside the worker, from the results contract's timings (median of the warm runs). */
  readonly transpileMs: number;
  readonly testMs: number;
  /** Click to the "grade" call being posted: page-side work, plus any wait for the spare worker to be ready. */
  readonly clickToGradeMs: number;
  /**
   * Off the click path: the replacement spare spawned when the run is over, from its "prepare" call to its
   * reply (booting, loading the hidden tests chunk, locking the realm, the first warm-up pass).
   */
  readonly spareReadyMs: number;
  /** The "grade" round trip beyond transpile + test time: sandbox set-up, messaging, result cloning. */
  readonly gradeOverheadMs: number;
  /** Grade reply to the first frame with the results rendered. */
  readonly renderMs: number;
  /** The same breakdown for the cold run. */
  readonly coldClickToGradeMs: number;
  readonly coldTranspileMs: number;
  readonly coldTestMs: number;
  /** Gzip bytes of the scripts fetched during the first run: the hidden tests chunk and what it imports (and the grading worker itself if it had not loaded yet). */
  readonly firstRunJsGzip: number;
  /** The test that took longest (median over the warm runs), where to look first when testMs is high. */
  readonly slowestTest: string;
  readonly slowestTestMs: number;
  /** Baseline: grading the same solution in Node (fresh worker thread each run), median of 3. */
  readonly nodeTranspileMs: number;
  readonly nodeTestMs: number;
}

interface RunSample {
  readonly totalMs: number;
  readonly clickToGradeMs: number;
  readonly spareReadyMs: number;
  readonly gradeMs: number;
  readonly transpileMs: number;
  readonly testMs: number;
  readonly renderMs: number;
  readonly testDurations: ReadonlyMap<string, number>;
}

/**
 * The "prepare" call of the spare spawned for the next run: the client posts it after this run's "grade" has
 * answered and its results have been painted. (Another exercise's editor opening meanwhile prepares a worker
 * of its own, later.)
 */
function spareCall(probe: Probe): Probe['sent'][number] | undefined {
  const grade = probe.sent.find((call) => call.method === 'grade');
  const graded = probe.received.find((reply) => reply.id === grade?.id);
  if (graded === undefined) return undefined;
  return probe.sent.find((call) => call.method === 'prepare' && call.at >= graded.at);
}

/** Turns one run's probe records into its timings; throws when the run did not pass. */
function sampleOf(probe: Probe, exercise: ExerciseFacts): RunSample {
  const click = probe.clicks[0];
  const shown = probe.results[0];
  const grade = probe.sent.find((call) => call.method === 'grade');
  const graded = probe.received.find((reply) => reply.id === grade?.id);
  const sparePrepare = spareCall(probe);
  const spareReady = probe.received.find((reply) => reply.id === sparePrepare?.id);
  if (!click || !shown || !grade || !graded?.timings || !sparePrepare || !spareReady) {
    throw new Error(`${exercise.id}: the probe missed part of the run: ${JSON.stringify(probe)}`);
  }
  const expected = `All ${exercise.tests.length} tests passed.`;
  if (!shown.text.includes(expected)) throw new Error(`${exercise.id}: the reference solution did not pass: ${shown.text}`);
  return {
    totalMs: shown.paintedAt - click.at,
    clickToGradeMs: grade.at - click.at,
    spareReadyMs: spareReady.at - sparePrepare.at,
    gradeMs: graded.at - grade.at,
    transpileMs: graded.timings.transpileMs,
    testMs: graded.timings.testMs,
    renderMs: shown.paintedAt - graded.at,
    testDurations: new Map((graded.tests ?? []).map((test) => [test.name, test.durationMs])),
  };
}

/** How long a run's spare may take to be spawned once its results are shown (the client waits for a frame). */
const SPARE_SPAWN_LIMIT_MS = 5_000;

async function timedRun(page: Page, island: Locator, exercise: ExerciseFacts): Promise<RunSample> {
  await clearProbe(page);
  await island.getByRole('button', { name: 'Run tests' }).click();
  await page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.results.length > 0, undefined, {
    timeout: 60_000,
  });
  await resultsIn(island).waitFor();
  // Outside the measured time (the learner is reading): let the next run's spare be spawned (after the results'
  // frame, so it may not be there yet), then prepared.
  let probe = await readProbe(page);
  for (const waitedFrom = Date.now(); spareCall(probe) === undefined && Date.now() - waitedFrom < SPARE_SPAWN_LIMIT_MS; probe = await readProbe(page)) {
    await page.waitForTimeout(10);
  }
  const spare = spareCall(probe);
  if (spare === undefined) throw new Error(`${exercise.id}: the run spawned no spare worker: ${JSON.stringify(probe)}`);
  await page.waitForFunction(
    (spareId) => (window as unknown as { __benchProbe: Probe }).__benchProbe.received.some((reply) => reply.id === spareId),
    spare.id,
    { timeout: 60_000 },
  );
  return sampleOf(await readProbe(page), exercise);
}

async function nodeBaseline(exercise: ExerciseFacts): Promise<{ transpileMs: number; testMs: number }> {
  const transpile: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < NODE_RUNS; i++) {
    const result = await runInNode(exercise.id, exercise.solution, { warmUp: true });
    if (result.status !== 'pass') throw new Error(`${exercise.id}: the reference solution did not pass in Node: ${result.message}`);
    transpile.push(result.timings.transpileMs);
    test.push(result.timings.testMs);
  }
  return { transpileMs: roundMs(median(transpile)), testMs: roundMs(median(test)) };
}

async function benchExercise(exercise: ExerciseFacts): Promise<RunRow> {
  const site = await useSite();
  const { context, page, scripts } = await site.newPage();
  try {
    await page.goto(`/${exercise.lesson}/`);
    if ((await page.getByRole('region', { name: exercise.title }).count()) === 0) {
      throw new Error(`its lesson page /${exercise.lesson}/ has no exercise region named "${exercise.title}"`);
    }
    const island = page.getByRole('region', { name: exercise.title });
    await island.scrollIntoViewIfNeeded();
    await editorIn(island).waitFor({ state: 'attached' });
    await pasteCode(page, island, exercise.solution);
    await editorHolds(page, island, exercise.solution);
    const scriptsBefore = scripts.length;
    const cold = await timedRun(page, island, exercise);
    const firstRunJsGzip = scripts.slice(scriptsBefore).reduce((sum, path) => sum + gzipBytesOf(path), 0);
    const warm: RunSample[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      await page.waitForTimeout(PAUSE_BETWEEN_RUNS_MS);
      warm.push(await timedRun(page, island, exercise));
    }
    const mid = (pick: (sample: RunSample) => number): number => roundMs(median(warm.map(pick)));
    const node = await nodeBaseline(exercise);
    const [slowestTest, slowestTestMs] = [...(warm[0] as RunSample).testDurations.keys()]
      .map((name): [string, number] => [name, median(warm.map((sample) => sample.testDurations.get(name) ?? 0))])
      .reduce((slowest, candidate) => (candidate[1] > slowest[1] ? candidate : slowest), ['', 0]);
    return {
      exercise: exercise.id,
      lesson: exercise.lesson,
      coldMs: roundMs(cold.totalMs),
      warmP50Ms: mid((sample) => sample.totalMs),
      warmP95Ms: roundMs(percentile(warm.map((sample) => sample.totalMs), 95)),
      transpileMs: mid((sample) => sample.transpileMs),
      testMs: mid((sample) => sample.testMs),
      clickToGradeMs: mid((sample) => sample.clickToGradeMs),
      spareReadyMs: mid((sample) => sample.spareReadyMs),
      gradeOverheadMs: mid((sample) => sample.gradeMs - sample.transpileMs - sample.testMs),
      renderMs: mid((sample) => sample.renderMs),
      coldClickToGradeMs: roundMs(cold.clickToGradeMs),
      coldTranspileMs: roundMs(cold.transpileMs),
      coldTestMs: roundMs(cold.testMs),
      firstRunJsGzip,
      slowestTest,
      slowestTestMs: roundMs(slowestTestMs),
      nodeTranspileMs: node.transpileMs,
      nodeTestMs: node.testMs,
    };
  } finally {
    await context.close();
  }
}

/** Every exercise folder, in id order. */
export function exerciseIds(): string[] {
  return listExerciseDirs().map((dir) => basename(dir));
}

/** A row for an exercise that could not be measured: the figures are missing (null in the JSON), the reason is given. */
export interface UnmeasuredRow {
  readonly exercise: string;
  readonly lesson: string;
  readonly coldMs: number;
  readonly warmP50Ms: number;
  readonly warmP95Ms: number;
  readonly problem: string;
}

export async function benchRuns(ids: readonly string[] = exerciseIds()): Promise<(RunRow | UnmeasuredRow)[]> {
  const rows: (RunRow | UnmeasuredRow)[] = [];
  for (const id of ids) {
    const exercise = courseExercise(id);
    console.error(`runs: ${id}…`);
    try {
      rows.push(await benchExercise(exercise));
    } catch (error) {
      // One exercise that cannot be measured (say, its lesson does not embed it yet) must not hide the others.
      const problem = (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
      console.error(`runs: ${id}: ${problem}`);
      rows.push({ exercise: id, lesson: exercise.lesson, coldMs: Number.NaN, warmP50Ms: Number.NaN, warmP95Ms: Number.NaN, problem });
    }
  }
  return rows;
}
