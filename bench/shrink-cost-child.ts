/**
 * Run by bench/shrink-cost.ts in a process of its own (the realm it seals must not be the bench's): in a
 * warmed-up, sealed realm, finds the first wrong variant (by file name) whose failure is shrunk, grades its
 * shrunk test with shrinking and without, and prints what shrinking added as one line of JSON (null when no
 * variant's failure is shrunk). Arguments: exercise id, runs per mode.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadExerciseMeta } from '../src/course/exercise-folder.ts';
import { grade, prepareRealm } from '../src/runner/grade.ts';
import type { LearnerExports } from '../src/runner/learner-module.ts';
import type { TestSuite } from '../src/testkit/registry.ts';
import { withoutShrinking } from '../src/testkit/scenario-shrink.ts';
import { median } from './stats.ts';

const [id, runsText] = process.argv.slice(2) as [string, string];
const dir = new URL(`../exercises/${id}/`, import.meta.url);
const meta = loadExerciseMeta(dir.pathname);
const suite = ((await import(pathToFileURL(`${dir.pathname}tests.ts`).href)) as { default: TestSuite<LearnerExports> }).default;
const write = process.stdout.write.bind(process.stdout);
const sandbox = prepareRealm({ suite, solution: readFileSync(new URL('solution.ts', dir), 'utf8'), exports: meta.exports });

const gradeOnce = (source: string, onlyTest?: string) => grade({ exerciseId: id, source, suite, exports: meta.exports, ...(onlyTest === undefined ? {} : { onlyTest }) }, sandbox);
const variants = readdirSync(new URL('wrong/', dir)).sort().map((file) => ({ file, source: readFileSync(new URL(`wrong/${file}`, dir), 'utf8') }));
let found: { variant: string; source: string; test: ReturnType<typeof gradeOnce>['tests'][number] } | undefined;
for (const { file, source } of variants) {
  const test = gradeOnce(source).tests.find((result) => result.run?.shrunk !== undefined);
  if (test !== undefined) {
    found = { variant: file, source, test };
    break;
  }
}
if (found === undefined) {
  write(`${JSON.stringify(null)}\n`);
} else {
  const { variant, source, test } = found;
  const runs = Number(runsText);
  const timed = (body: () => ReturnType<typeof gradeOnce>) => Array.from({ length: runs }, () => body().tests.find((result) => result.name === test.name)!.durationMs);
  const withShrinking = timed(() => gradeOnce(source, test.name));
  const graded = timed(() => withoutShrinking(() => gradeOnce(source, test.name)));
  write(
    `${JSON.stringify({
      variant,
      test: test.name,
      shrinkMs: Math.max(0, median(withShrinking) - median(graded)),
      tries: test.run!.shrunk!.tries,
      fromEvents: test.run!.shrunk!.fromEvents,
      toEvents: test.run!.totalEvents,
    })}\n`,
  );
}
