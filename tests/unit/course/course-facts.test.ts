/**
 * The course facts the e2e suite, the bench and the course map read: lessons in `order` (not file-name order),
 * titles from the frontmatter, broken frontmatter refused with every problem named, and an exercise as its
 * folder says, defaults filled in.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { courseExercise, courseLesson, courseLessons } from '../../../src/course/course-facts.ts';
import { defaultTimeLimitMs } from '../../../src/course/exercise-json-defaults.ts';

const sumFixture = fileURLToPath(new URL('../fixtures/exercises/sum/', import.meta.url));
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Two lessons whose file names run against their order, and the `sum` fixture exercise. */
function smallCourse(): { exercisesDir: string; lessonsDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'course-facts-'));
  roots.push(root);
  const exercisesDir = join(root, 'exercises');
  const lessonsDir = join(root, 'lessons');
  cpSync(sumFixture, join(exercisesDir, 'sum'), { recursive: true });
  mkdirSync(lessonsDir);
  const page = (frontmatter: string) => `---\n${frontmatter}\n---\n\nText.\n`;
  writeFileSync(join(lessonsDir, '01-what-system-design-is.mdx'), page("title: Sums\ndescription: Add numbers.\norder: 2\nprimer: ['S0']\nexercises: ['sum']"));
  writeFileSync(join(lessonsDir, '02-where-next.mdx'), page('title: Where next\ndescription: The map.\nkind: overview\norder: 1'));
  return { exercisesDir, lessonsDir };
}

describe('the course facts', () => {
  it('give the lessons in their order, with the titles and exercises their frontmatter names', () => {
    expect(courseLessons(smallCourse()).map(({ slug, title, kind, order, exercises }) => ({ slug, title, kind, order, exercises }))).toEqual([
      { slug: '02-where-next', title: 'Where next', kind: 'overview', order: 1, exercises: [] },
      { slug: '01-what-system-design-is', title: 'Sums', kind: 'lesson', order: 2, exercises: ['sum'] },
    ]);
  });

  it('refuse a course whose frontmatter is broken, naming the file and the field', () => {
    const paths = smallCourse();
    writeFileSync(join(paths.lessonsDir, '03-broken.mdx'), '---\ntitle: Broken\ndescription: No place.\nprimer: [\'S1\']\n---\n');
    expect(() => courseLessons(paths)).toThrow(/03-broken\.mdx: field "order": expected a positive integer/);
  });

  it('name the slugs there are when asked for a lesson that does not exist', () => {
    expect(() => courseLesson('09-nowhere', smallCourse())).toThrow('No lesson "09-nowhere": expected one of 02-where-next, 01-what-system-design-is');
  });

  it('give an exercise as its folder says, with the default time limit where exercise.json sets none', () => {
    const paths = smallCourse();
    const sum = courseExercise('sum', paths);
    expect({ ...sum, starter: undefined, solution: undefined }).toEqual({
      id: 'sum',
      lesson: '01-what-system-design-is',
      title: 'Sum a list (runner fixture)',
      tests: ['adds the values', 'returns 0 for no values'],
      timeLimitMs: 2000,
      starter: undefined,
      solution: undefined,
    });
    expect(sum.solution).toContain('export function sum');
    const json = join(paths.exercisesDir, 'sum', 'exercise.json');
    writeFileSync(json, JSON.stringify({ title: 'Sum', lesson: '01-what-system-design-is', exports: [{ name: 'sum', signature: 'sum(values)' }], tests: ['adds the values'] }));
    expect(courseExercise('sum', paths).timeLimitMs).toBe(defaultTimeLimitMs);
  });
});
