/**
 * Reads one exercise folder in Node and checks it is complete. Any problem throws an ExerciseFolderError
 * that names the file, the field (when there is one) and what was expected, so an instructor can fix it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exerciseMeta } from './exercise-json.ts';
import type { ExerciseMeta } from './exercise-json.ts';
import { exercisesRoot } from './paths.ts';
import { describeIssue, displayPath } from './problem-text.ts';

export const minimumWrongVariants = 2;
export const minimumAlternatives = 1;

export interface SourceFile {
  readonly path: string;
  readonly source: string;
}

export interface ExerciseFolder {
  /** The folder name, which is the exercise id. */
  readonly id: string;
  readonly dir: string;
  readonly meta: ExerciseMeta;
  readonly testsPath: string;
  readonly starter: SourceFile;
  readonly solution: SourceFile;
  /** `wrong/*.ts`, sorted by file name. */
  readonly wrongVariants: readonly SourceFile[];
  /** `alternatives/*.ts`, sorted by file name: correct solutions written another way than `solution.ts`. */
  readonly alternatives: readonly SourceFile[];
}

export class ExerciseFolderError extends Error {
  override readonly name = 'ExerciseFolderError';
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${displayPath(file)}: ${problem}`);
    this.file = file;
  }
}

function readRequired(dir: string, name: string, what: string): string {
  const file = join(dir, name);
  if (!existsSync(file)) throw new ExerciseFolderError(file, `missing file: expected ${what}`);
  return readFileSync(file, 'utf8');
}

/** Reads and validates `exercise.json` alone: all a run needs. */
export function loadExerciseMeta(dir: string): ExerciseMeta {
  const file = join(dir, 'exercise.json');
  const text = readRequired(dir, 'exercise.json', 'the exercise metadata (title, lesson, exports, tests)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExerciseFolderError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = exerciseMeta.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeIssue(issue.path, issue.message));
    throw new ExerciseFolderError(file, problems.join('; '));
  }
  return parsed.data;
}

function sourceFile(dir: string, name: string, what: string): SourceFile {
  return { path: join(dir, name), source: readRequired(dir, name, what) };
}

function wrongVariantsOf(dir: string): SourceFile[] {
  const wrongDir = join(dir, 'wrong');
  const names = existsSync(wrongDir) ? readdirSync(wrongDir).filter((name) => name.endsWith('.ts')).sort() : [];
  if (names.length < minimumWrongVariants) {
    throw new ExerciseFolderError(
      wrongDir,
      `expected at least ${minimumWrongVariants} wrong variants (wrong/*.ts), found ${names.length}`,
    );
  }
  return names.map((name) => sourceFile(wrongDir, name, 'a wrong variant'));
}

/** Code as text without comments and whitespace, so a copy of the solution is seen through a new comment. */
const codeOnly = (source: string): string => source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/\s+/g, '');

function alternativesOf(dir: string, solution: SourceFile): SourceFile[] {
  const alternativesDir = join(dir, 'alternatives');
  const names = existsSync(alternativesDir) ? readdirSync(alternativesDir).filter((name) => name.endsWith('.ts')).sort() : [];
  if (names.length < minimumAlternatives) {
    throw new ExerciseFolderError(
      alternativesDir,
      `expected at least ${minimumAlternatives} alternative solution (alternatives/*.ts): a correct solution written another way than solution.ts, found ${names.length}`,
    );
  }
  const alternatives = names.map((name) => sourceFile(alternativesDir, name, 'an alternative solution'));
  for (const alternative of alternatives) {
    if (!/^\/\/ \S/.test(alternative.source)) {
      throw new ExerciseFolderError(alternative.path, 'expected a first line "// <how this solution differs from solution.ts>"');
    }
    if (codeOnly(alternative.source) === codeOnly(solution.source)) {
      throw new ExerciseFolderError(alternative.path, 'expected a solution written another way, but its code is the same as solution.ts');
    }
  }
  return alternatives;
}

/** Exercise ids become URLs, element ids and storage keys: lower-case words joined by hyphens. */
export const exerciseIdPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function loadExerciseFolder(dir: string): ExerciseFolder {
  if (!exerciseIdPattern.test(basename(dir))) {
    throw new ExerciseFolderError(dir, `the folder name is the exercise id: expected lower-case words joined by hyphens, like "backoff-jitter", found "${basename(dir)}"`);
  }
  const meta = loadExerciseMeta(dir);
  const prompt = readRequired(dir, 'prompt.md', 'the task as the learner reads it');
  if (prompt.trim() === '') throw new ExerciseFolderError(join(dir, 'prompt.md'), 'expected the task, found an empty file');
  const hints = readRequired(dir, 'hints.md', "progressive hints, one '## ' heading each");
  if (!/^## \S/m.test(hints)) throw new ExerciseFolderError(join(dir, 'hints.md'), "expected at least one hint under a '## ' heading");
  readRequired(dir, 'tests.ts', 'the hidden tests (export default defineTests(…))');
  const solution = sourceFile(dir, 'solution.ts', 'the reference solution');
  return {
    id: basename(dir),
    dir,
    meta,
    testsPath: join(dir, 'tests.ts'),
    starter: sourceFile(dir, 'starter.ts', 'the code the learner starts from'),
    solution,
    wrongVariants: wrongVariantsOf(dir),
    alternatives: alternativesOf(dir, solution),
  };
}

/** Every exercise folder under `root`, sorted by id. */
export function listExerciseDirs(root: string = exercisesRoot): string[] {
  return readdirSync(root)
    .sort()
    .map((name) => join(root, name))
    .filter((dir) => statSync(dir).isDirectory());
}
