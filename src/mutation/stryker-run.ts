/**
 * Runs Stryker on one exercise's `solution.ts` with the exercise grader (`stryker-plugin.ts`) and turns its
 * results into the exercise's mutation report. Stryker copies only that exercise folder into its sandbox:
 * the grader reads the project's own files.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stryker } from '@stryker-mutator/core';
import type { LogLevel, MutantResult, PartialStrykerOptions } from '@stryker-mutator/api/core';
import { testRunnerName } from './stryker-plugin.ts';
import type { ExerciseMutationOptions } from './stryker-plugin.ts';
import { originalText } from './splice.ts';
import { inputsOf } from './report.ts';
import type { MutantRecord, MutationReport } from './report.ts';

const pluginPath = fileURLToPath(new URL('./stryker-plugin.ts', import.meta.url));
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface MutateOptions {
  /** Stryker workers, each with its own warm grading process (1–2 on a shared 2-core machine). */
  readonly concurrency: number;
}

/** Ignore patterns (gitignore syntax) that leave only `folder` in Stryker's sandbox: `/*`, `!/a`, `/a/*`, `!/a/b`. */
export function onlyFolder(folder: string): string[] {
  const parts = folder.split('/');
  return ['/*', ...parts.flatMap((_, i) => {
    const path = parts.slice(0, i + 1).join('/');
    return i + 1 < parts.length ? [`!/${path}`, `/${path}/*`] : [`!/${path}`];
  })];
}

function strykerOptions(exerciseDir: string, { concurrency }: MutateOptions): PartialStrykerOptions & ExerciseMutationOptions {
  const folder = relative(projectRoot, exerciseDir).split('\\').join('/');
  return {
    mutate: [`${folder}/solution.ts`],
    testRunner: testRunnerName,
    plugins: [pluginPath],
    coverageAnalysis: 'off',
    concurrency,
    reporters: [],
    // Stryker's own chatter stays out; errors (a dry run that fails) still show.
    // (LogLevel is a const enum, which type stripping cannot inline: its values are written out.)
    logLevel: 'error' as LogLevel.Error,
    fileLogLevel: 'off' as LogLevel.Off,
    tempDirName: '.stryker-tmp',
    ignorePatterns: onlyFolder(folder),
    exerciseMutation: { exerciseDir },
  };
}

/** A mutant as the report keeps it. Stryker's results are 1-based (its report format), unlike its runners' locations. */
function toRecord(mutant: MutantResult, solution: string): MutantRecord {
  const { start, end } = mutant.location;
  const zeroBased = { start: { line: start.line - 1, column: start.column - 1 }, end: { line: end.line - 1, column: end.column - 1 } };
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    mutator: mutant.mutatorName,
    original: originalText(solution, zeroBased),
    replacement: mutant.replacement,
  };
}

/** Mutates and grades one exercise; throws when Stryker cannot (the solution fails its tests, say). */
export async function mutateExercise(exerciseDir: string, options: MutateOptions): Promise<MutationReport> {
  const solution = readFileSync(join(exerciseDir, 'solution.ts'), 'utf8');
  const tests = readFileSync(join(exerciseDir, 'tests.ts'), 'utf8');
  const previous = process.cwd();
  process.chdir(projectRoot);
  let results: MutantResult[];
  try {
    results = await new Stryker(strykerOptions(exerciseDir, options)).runMutationTest();
  } finally {
    process.chdir(previous);
  }
  const unexpected = results.filter((mutant) => !['Killed', 'Survived', 'Timeout'].includes(mutant.status));
  if (unexpected.length > 0) {
    const [first] = unexpected;
    throw new Error(`${basename(exerciseDir)}: Stryker reported ${first!.status} for ${first!.mutatorName} at line ${first!.location.start.line}: ${first!.statusReason ?? 'no reason given'}`);
  }
  const byPlace = (a: MutantRecord, b: MutantRecord): number => a.line - b.line || a.column - b.column || a.mutator.localeCompare(b.mutator) || a.replacement.localeCompare(b.replacement);
  return {
    inputs: inputsOf({ 'solution.ts': solution, 'tests.ts': tests }),
    mutants: results.length,
    killed: results.filter((mutant) => mutant.status === 'Killed').length,
    timedOut: results.filter((mutant) => mutant.status === 'Timeout').length,
    survivors: results.filter((mutant) => mutant.status === 'Survived').map((mutant) => toRecord(mutant, solution)).sort(byPlace),
  };
}
