import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExerciseFolderError, loadExerciseFolder } from '../../../src/course/exercise-folder.ts';

const sumFixture = fileURLToPath(new URL('../fixtures/exercises/sum/', import.meta.url));
const copies: string[] = [];

/** A copy of the sound `sum` fixture in a temporary folder, changed by `breakIt`. */
function brokenCopy(breakIt: (dir: string) => void, id = 'sum'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'exercise-')), id);
  copies.push(dir);
  cpSync(sumFixture, dir, { recursive: true });
  breakIt(dir);
  return dir;
}

function loadError(dir: string): ExerciseFolderError {
  try {
    loadExerciseFolder(dir);
  } catch (error) {
    if (error instanceof ExerciseFolderError) return error;
    throw error;
  }
  throw new Error(`expected ${dir} to be refused`);
}

const editJson = (dir: string, edit: (json: Record<string, unknown>) => void): void => {
  const file = join(dir, 'exercise.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
};

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(join(dir, '..'), { recursive: true, force: true });
});

describe('loading an exercise folder', () => {
  it('reads a sound folder: id, metadata with defaults, sources and sorted wrong variants', () => {
    const folder = loadExerciseFolder(sumFixture);
    expect(folder.id).toBe('sum');
    expect(folder.meta).toMatchObject({ timeLimitMs: 2000, exports: [{ name: 'sum', signature: 'sum(values)' }] });
    expect(folder.wrongVariants.map((variant) => variant.path.split('/').at(-1))).toEqual(['skips-the-last-value.ts', 'starts-at-one.ts']);
    expect(folder.solution.source).toContain('export function sum');
    expect(folder.alternatives.map((alternative) => alternative.path.split('/').at(-1))).toEqual(['reduce.ts']);
  });

  it('names the alternatives folder when an exercise has no alternative solution', () => {
    const dir = brokenCopy((folder) => rmSync(join(folder, 'alternatives'), { recursive: true }));
    expect(loadError(dir).message).toBe(
      `${join(dir, 'alternatives')}: expected at least 1 alternative solution (alternatives/*.ts): a correct solution written another way than solution.ts, found 0`,
    );
  });

  it('names an alternative that does not say how it differs on its first line', () => {
    const dir = brokenCopy((folder) =>
      writeFileSync(join(folder, 'alternatives', 'reduce.ts'), 'export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);\n'),
    );
    expect(loadError(dir).message).toBe(
      `${join(dir, 'alternatives', 'reduce.ts')}: expected a first line "// <how this solution differs from solution.ts>"`,
    );
  });

  it('names an alternative that is the solution again under a new comment', () => {
    const dir = brokenCopy((folder) =>
      writeFileSync(join(folder, 'alternatives', 'reduce.ts'), `// Written another way.\n${readFileSync(join(folder, 'solution.ts'), 'utf8')}  \n`),
    );
    expect(loadError(dir).message).toBe(
      `${join(dir, 'alternatives', 'reduce.ts')}: expected a solution written another way, but its code is the same as solution.ts`,
    );
  });

  it.each([
    ['starter.ts', 'missing file: expected the code the learner starts from'],
    ['solution.ts', 'missing file: expected the reference solution'],
    ['tests.ts', 'missing file: expected the hidden tests (export default defineTests(…))'],
    ['prompt.md', 'missing file: expected the task as the learner reads it'],
    ['hints.md', "missing file: expected progressive hints, one '## ' heading each"],
  ])('names a missing %s', (name, problem) => {
    const dir = brokenCopy((folder) => rmSync(join(folder, name)));
    expect(loadError(dir).message).toBe(`${join(dir, name)}: ${problem}`);
  });

  it('names exercise.json when it is not JSON', () => {
    const dir = brokenCopy((folder) => writeFileSync(join(folder, 'exercise.json'), '{ "title": "Sum", }'));
    const error = loadError(dir);
    expect(error.file).toBe(join(dir, 'exercise.json'));
    expect(error.message).toMatch(new RegExp(`^${join(dir, 'exercise.json')}: not valid JSON \\(.+\\)$`));
  });

  it('names every field that breaks the schema and what was expected', () => {
    const dir = brokenCopy((folder) =>
      editJson(folder, (json) => {
        json.lesson = 'Lesson five';
        json.exports = [{ name: 'sum' }];
        json.tests = ['adds the values', 'adds the values'];
        json.difficulty = 'hard';
      }),
    );
    expect(loadError(dir).message).toBe(
      `${join(dir, 'exercise.json')}: ` +
        'field "lesson": expected a lesson slug like "05-reliability-and-resiliency"; ' +
        'field "exports[0].signature": Invalid input: expected string, received undefined; ' +
        'field "tests": expected unique test names; ' +
        'Unrecognized key: "difficulty"',
    );
  });

  it('wants a sentence, not a word, saying why every simulation is a reference run', () => {
    const dir = brokenCopy((folder) => editJson(folder, (json) => (json.referenceRunsOnly = 'reference')));
    expect(loadError(dir).message).toBe(
      `${join(dir, 'exercise.json')}: field "referenceRunsOnly": expected a sentence saying why the learner's code takes no part in the simulations`,
    );
  });

  it('wants at least two wrong variants', () => {
    const dir = brokenCopy((folder) => rmSync(join(folder, 'wrong', 'starts-at-one.ts')));
    expect(loadError(dir).message).toBe(`${join(dir, 'wrong')}: expected at least 2 wrong variants (wrong/*.ts), found 1`);
  });

  it('wants hints under "## " headings and a non-empty prompt', () => {
    const noHeadings = brokenCopy((folder) => writeFileSync(join(folder, 'hints.md'), 'Just try harder.\n'));
    expect(loadError(noHeadings).message).toBe(`${join(noHeadings, 'hints.md')}: expected at least one hint under a '## ' heading`);
    const emptyPrompt = brokenCopy((folder) => writeFileSync(join(folder, 'prompt.md'), '  \n'));
    expect(loadError(emptyPrompt).message).toBe(`${join(emptyPrompt, 'prompt.md')}: expected the task, found an empty file`);
  });
});
