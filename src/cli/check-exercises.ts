/**
 * `npm run check:exercises [-- <id>… | <folder>]`: first validates the course as files — every exercise
 * folder, every lesson's frontmatter and the links between them — and stops there, naming each file and
 * field, if anything is broken. Then grades the exercises given by id (default: all of them; a folder path
 * instead checks the exercise folders inside it) and prints one row per exercise, then every breach.
 * Exits non-zero on any problem or breach.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checkExercise } from './check/exercise-check.ts';
import type { ExerciseCheck } from './check/exercise-check.ts';
import { loadCourse } from '../course/course.ts';
import { exercisesRoot } from '../course/paths.ts';
import { displayPath } from '../course/problem-text.ts';

async function checkAll(dirs: readonly string[]): Promise<ExerciseCheck[]> {
  const checks: ExerciseCheck[] = new Array(dirs.length);
  let next = 0;
  // Each check runs its files one after another in worker threads; run as many checks as there are cores.
  const lane = async (): Promise<void> => {
    while (next < dirs.length) {
      const index = next++;
      checks[index] = await checkExercise(dirs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(dirs.length, availableParallelism()) }, lane));
  return checks;
}

function table(checks: readonly ExerciseCheck[]): string {
  const rows = [
    ['exercise', 'tests', 'alternatives', 'wrong variants', 'result', 'seconds', 'solution ms / budget'],
    ...checks.map((check) => [
      check.id,
      String(check.tests),
      String(check.alternatives),
      String(check.wrongVariants),
      check.breaches.length === 0 ? 'ok' : `${check.breaches.length} breach${check.breaches.length === 1 ? '' : 'es'}`,
      check.seconds.toFixed(1),
      `${Math.round(check.solutionTestMs)} / ${check.timeLimitMs}`,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

const isFolder = (arg: string): boolean => /[\\/]/.test(arg) && existsSync(arg) && statSync(arg).isDirectory();
const args = process.argv.slice(2);
const root = args.length === 1 && isFolder(args[0]!) ? resolve(args[0]!) : exercisesRoot;
const ids = root === exercisesRoot ? args : [];

const course = loadCourse({ exercisesDir: root, lessonsDir: join(dirname(root), 'lessons') });
if (course.problems.length > 0) {
  console.error(`${course.problems.length} problem${course.problems.length === 1 ? '' : 's'} with the course files; nothing was graded:`);
  for (const problem of course.problems) console.error(`  ✗ ${problem}`);
  process.exit(1);
}
const known = new Set(course.exercises.map((exercise) => exercise.id));
const unknown = ids.filter((id) => !known.has(id));
if (unknown.length > 0) {
  console.error(`No exercise ${unknown.map((id) => `"${id}"`).join(', ')} in ${displayPath(root)}: expected the name of a folder there (npm run new:exercise -- <id> creates one).`);
  process.exit(1);
}
const selected = course.exercises.filter((exercise) => ids.length === 0 || ids.includes(exercise.id));
if (selected.length === 0) {
  console.error(`No exercise folders in ${displayPath(root)}.`);
  process.exit(1);
}
const checks = await checkAll(selected.map((exercise) => exercise.dir));
console.log(table(checks));
// Time is reported, never enforced here: the machine may be busy. A solution that needs over half of the
// learner's budget leaves too little room on a slow laptop, so say so loudly.
const tight = checks.filter((check) => check.timeLimitMs > 0 && check.solutionTestMs > check.timeLimitMs / 2);
for (const check of tight) {
  console.warn(`! ${check.id}: the solution's tests took ${Math.round(check.solutionTestMs)} ms, over half of its ${check.timeLimitMs} ms budget`);
}
const breaches = checks.flatMap((check) => check.breaches.map((breach) => `${check.id}: ${breach}`));
if (breaches.length > 0) {
  console.error(`\n${breaches.length} breach${breaches.length === 1 ? '' : 'es'}:`);
  for (const breach of breaches) console.error(`  ✗ ${breach}`);
  process.exitCode = 1;
} else {
  console.log(`\n${checks.length === 1 ? "The exercise is" : `All ${checks.length} exercises are`} sound.`);
}
