/**
 * `npm run mutate [-- <id>…]`: mutation testing. For every exercise (or the ids given), Stryker mutates
 * `solution.ts` and every mutant is graded with the hidden tests; the result goes to
 * `exercises/<id>/mutation.json`, and `docs/mutation.md` is written again from every exercise's report.
 * `npm run check:exercises` then fails on any survivor not listed in `equivalent-mutants.json`. A folder path
 * instead of an id mutates an exercise folder elsewhere (a test fixture); only exercises/ makes the page.
 * MUTATE_CONCURRENCY sets Stryker's workers (default 2, the machine's cores at most).
 *
 * `npm run mutate -- --verify` (what `npm test` runs) grades every mutant again but writes nothing: it fails
 * when a mutant survives that no `equivalent-mutants.json` explains, when an equivalent no longer survives, or
 * when the committed report names other survivors than this run found.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { listExerciseDirs } from '../course/exercise-folder.ts';
import { exercisesRoot } from '../course/paths.ts';
import { mutateExercise, projectRoot } from '../mutation/stryker-run.ts';
import { readMutationFiles, writeMutationReport } from '../mutation/report-files.ts';
import { verifyMutationReport } from '../mutation/verify.ts';
import { exerciseMutations, renderMutationPage } from '../mutation/markdown.ts';

const isFolder = (arg: string): boolean => /[\\/]/.test(arg) && existsSync(join(arg, 'solution.ts')) && statSync(arg).isDirectory();
const verify = process.argv.includes('--verify');
const args = process.argv.slice(2).filter((arg) => arg !== '--verify');
const folders = args.filter(isFolder).map((arg) => resolve(arg));
const ids = args.filter((arg) => !isFolder(arg));
const dirs = listExerciseDirs(exercisesRoot);
const known = new Set(dirs.map((dir) => basename(dir)));
const unknown = ids.filter((id) => !known.has(id));
if (unknown.length > 0) {
  console.error(`No exercise ${unknown.map((id) => `"${id}"`).join(', ')}: expected the name of a folder in exercises/.`);
  process.exit(1);
}
const concurrency = Math.max(1, Math.min(Number(process.env['MUTATE_CONCURRENCY'] ?? 2) || 2, availableParallelism()));
const selected = args.length === 0 ? dirs : [...ids.map((id) => join(exercisesRoot, id)), ...folders];

const started = performance.now();
let failed = 0;
for (const dir of selected) {
  const exerciseStarted = performance.now();
  try {
    const report = await mutateExercise(dir, { concurrency });
    if (verify) {
      const breaches = verifyMutationReport(readMutationFiles(dir), report);
      for (const breach of breaches) console.error(`✗ ${breach}`);
      if (breaches.length > 0) failed++;
    } else {
      writeMutationReport(dir, report);
    }
    const seconds = ((performance.now() - exerciseStarted) / 1000).toFixed(1);
    console.log(
      `${basename(dir).padEnd(24)} ${String(report.mutants).padStart(4)} mutants  ${String(report.killed).padStart(4)} killed  ` +
        `${String(report.timedOut).padStart(3)} timed out  ${String(report.survivors.length).padStart(3)} survived  ${seconds} s`,
    );
  } catch (error) {
    failed++;
    console.error(`${basename(dir)}: mutation testing failed: ${(error as Error).message}`);
  }
}
if (!verify) writeFileSync(join(projectRoot, 'docs', 'mutation.md'), renderMutationPage(dirs.map((dir) => exerciseMutations(readMutationFiles(dir)))));
const minutes = (performance.now() - started) / 60_000;
const outcome = verify ? (failed === 0 ? 'every committed report holds' : `${failed} did not hold`) : 'docs/mutation.md written';
console.log(`\n${selected.length} exercise${selected.length === 1 ? '' : 's'} in ${minutes.toFixed(1)} min (concurrency ${concurrency}); ${outcome}.`);
if (failed > 0) process.exitCode = 1;
