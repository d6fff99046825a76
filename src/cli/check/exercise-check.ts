/**
 * The curriculum check for one exercise folder: the starter compiles and fails, the solution passes, every
 * alternative solution passes (so the tests demand the rule, not one way of writing it), every wrong variant
 * fails, every hidden test fails on at least one wrong variant, every graded seed replays with the same
 * fingerprint, exercise.json `tests` equals the registered test names, and the last mutation report is current
 * and has no survivor that is not listed as equivalent, and hints.md is a ladder that leaves the code to the learner
 * (see hint-ladder.ts). Each breach is one sentence naming the file or the test.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ExerciseFolderError, loadExerciseFolder } from '../../course/exercise-folder.ts';
import type { SourceFile } from '../../course/exercise-folder.ts';
import type { RunResult } from '../../runner/contract.ts';
import { runInNode } from '../../runner/node.ts';
import { hintLadderBreaches } from './hint-ladder.ts';
import { mutationBreaches } from '../../mutation/report.ts';
import { readMutationFiles } from '../../mutation/report-files.ts';

export interface ExerciseCheck {
  readonly id: string;
  readonly tests: number;
  readonly wrongVariants: number;
  readonly alternatives: number;
  readonly breaches: readonly string[];
  readonly seconds: number;
  /** The reference solution's test time (ms, inside the worker) and the learner's budget it must fit. */
  readonly solutionTestMs: number;
  readonly timeLimitMs: number;
}

export interface CheckOptions {
  /**
   * Multiplies every run's wall-time budget. The learner's budget (exercise.json `timeLimitMs`) is a promise
   * about a quiet browser; CI machines are shared and noisy, and a verdict must not depend on their load, so
   * the check grades with a wider budget and reports the solution's own time beside the learner's budget.
   */
  readonly timeScale?: number;
}

/** Wide enough that a loaded 2-core machine never turns a passing solution into a timeout. */
export const DEFAULT_CHECK_TIME_SCALE = 4;

interface GradedFile {
  readonly label: string;
  readonly result: RunResult;
}

function failingTests(result: RunResult): string {
  const failing = result.tests.filter((test) => test.status !== 'pass');
  if (failing.length === 0) return result.message;
  return failing.map((test) => `"${test.name}" (${test.message})`).join('; ');
}

function starterBreaches({ label, result }: GradedFile): string[] {
  const [compileError] = result.compileErrors;
  if (compileError !== undefined) {
    return [`${label} must compile, but: ${compileError.message} (line ${compileError.line}, column ${compileError.column})`];
  }
  if (result.status === 'pass') return [`${label} passes every test; it must fail`];
  if (result.status !== 'fail') return [`${label} must load and fail, but the run ended with ${result.status}: ${result.message}`];
  return [];
}

function solutionBreaches({ label, result }: GradedFile): string[] {
  return result.status === 'pass' ? [] : [`${label} must pass, but the run ended with ${result.status}: ${failingTests(result)}`];
}

function alternativeBreaches({ label, result }: GradedFile): string[] {
  if (result.status === 'pass') return [];
  const failing = result.tests.find((test) => test.status !== 'pass');
  const first = failing === undefined ? result.message : `"${failing.name}" (${failing.message})`;
  return [`${label} is a correct solution written another way, but the run ended with ${result.status}: ${first}`];
}

function wrongVariantBreaches({ label, result }: GradedFile): string[] {
  if (result.status === 'pass') return [`${label} passes every test; the hidden tests must reject it`];
  if (result.status !== 'fail') return [`${label} must load and fail a test, but the run ended with ${result.status}: ${result.message}`];
  return [];
}

function testNameBreaches(declared: readonly string[], registered: readonly string[]): string[] {
  if (declared.length === registered.length && declared.every((name, i) => name === registered[i])) return [];
  const missing = registered.filter((name) => !declared.includes(name));
  const unknown = declared.filter((name) => !registered.includes(name));
  const details = [
    missing.length > 0 ? `registered but not listed: ${missing.map((name) => `"${name}"`).join(', ')}` : '',
    unknown.length > 0 ? `listed but not registered: ${unknown.map((name) => `"${name}"`).join(', ')}` : '',
  ].filter(Boolean);
  return [
    `exercise.json field "tests" must equal the registered test names, in order (${details.join('; ') || 'the order differs'})`,
  ];
}

function uncaughtTestBreaches(registered: readonly string[], wrong: readonly GradedFile[]): string[] {
  return registered
    .filter((name) => !wrong.some(({ result }) => result.tests.some((test) => test.name === name && test.status !== 'pass')))
    .map((name) => `test "${name}" fails on no wrong variant: add a wrong/*.ts it catches, or drop the test`);
}

function unstableSeedBreaches(graded: readonly GradedFile[]): string[] {
  return graded.flatMap(({ label, result }) =>
    result.tests.flatMap((test) =>
      (test.seeds ?? [])
        .filter(({ fingerprints }) => fingerprints[0] !== fingerprints[1])
        .map(({ seed, fingerprints }) =>
          `test "${test.name}" gave two fingerprints for seed ${seed} with ${label} (${fingerprints[0]} ≠ ${fingerprints[1]})`,
        ),
    ),
  );
}

/**
 * A test that ran a simulation with the learner's code in it shows the learner's failing run: some wrong
 * variant must fail with a test result that carries its run. Seeds are recorded for reference runs too, so an
 * exercise whose simulations are all reference runs says so, and why, in exercise.json `referenceRunsOnly`.
 */
function failureRunBreaches(referenceRunsOnly: string | undefined, solution: GradedFile, wrong: readonly GradedFile[]): string[] {
  if (referenceRunsOnly !== undefined) return [];
  const simulated = solution.result.tests.find((test) => (test.seeds ?? []).length > 0);
  if (simulated === undefined) return [];
  if (wrong.some(({ result }) => result.tests.some((test) => test.status !== 'pass' && test.run !== undefined))) return [];
  return [
    `test "${simulated.name}" runs a simulation, but no wrong variant fails with its run drawn: pass the run to the PropertyViolation (recordRun), or, if the learner's code takes no part in the simulation, say why in exercise.json field "referenceRunsOnly"`,
  ];
}

export async function checkExercise(dir: string, options: CheckOptions = {}): Promise<ExerciseCheck> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  let folder;
  try {
    folder = loadExerciseFolder(dir);
  } catch (error) {
    if (!(error instanceof ExerciseFolderError)) throw error;
    return { id: basename(dir), tests: 0, wrongVariants: 0, alternatives: 0, breaches: [error.message], seconds: seconds(), solutionTestMs: 0, timeLimitMs: 0 };
  }
  const timeLimitMs = folder.meta.timeLimitMs * (options.timeScale ?? DEFAULT_CHECK_TIME_SCALE);

  const grade = async (file: SourceFile, label: string): Promise<GradedFile> => ({
    label,
    result: await runInNode(dir, file.source, { timeLimitMs }),
  });
  const starter = await grade(folder.starter, 'starter.ts');
  const solution = await grade(folder.solution, 'solution.ts');
  const alternatives: GradedFile[] = [];
  for (const alternative of folder.alternatives) alternatives.push(await grade(alternative, `alternatives/${basename(alternative.path)}`));
  const wrong: GradedFile[] = [];
  for (const variant of folder.wrongVariants) wrong.push(await grade(variant, `wrong/${basename(variant.path)}`));

  const registered = solution.result.tests.map((test) => test.name);
  const breaches = [
    ...starterBreaches(starter),
    ...solutionBreaches(solution),
    ...alternatives.flatMap(alternativeBreaches),
    ...wrong.flatMap(wrongVariantBreaches),
    ...(registered.length > 0 ? testNameBreaches(folder.meta.tests, registered) : []),
    ...uncaughtTestBreaches(registered, wrong),
    ...unstableSeedBreaches([starter, solution, ...alternatives, ...wrong]),
    ...hintLadderBreaches({
      hints: readFileSync(join(dir, 'hints.md'), 'utf8'),
      solution: folder.solution.source,
      tests: readFileSync(folder.testsPath, 'utf8'),
    }),
    // Mutants are graded, and failing runs looked for, against a passing solution: until it passes, its own breach says what to fix.
    ...(solution.result.status === 'pass' ? mutationBreaches(readMutationFiles(dir)) : []),
    ...(solution.result.status === 'pass' ? failureRunBreaches(folder.meta.referenceRunsOnly, solution, wrong) : []),
  ];
  return {
    id: folder.id,
    tests: registered.length || folder.meta.tests.length,
    wrongVariants: folder.wrongVariants.length,
    alternatives: folder.alternatives.length,
    breaches,
    seconds: seconds(),
    solutionTestMs: solution.result.timings.testMs,
    timeLimitMs: folder.meta.timeLimitMs,
  };
}
