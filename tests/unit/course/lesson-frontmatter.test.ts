import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exerciseFolderProblem, lessonSchema, type LessonSchemaContext } from '../../../src/course/lesson-frontmatter.ts';
import { describeIssue } from '../../../src/course/problem-text.ts';

const sumFixture = fileURLToPath(new URL('../fixtures/exercises/sum/', import.meta.url));
const exercisesDir = mkdtempSync(join(tmpdir(), 'lesson-schema-'));
cpSync(sumFixture, join(exercisesDir, 'sum'), { recursive: true });
cpSync(sumFixture, join(exercisesDir, 'no-starter'), { recursive: true });
rmSync(join(exercisesDir, 'no-starter', 'starter.ts'));
afterAll(() => rmSync(exercisesDir, { recursive: true, force: true }));

const context = { image: () => z.string() } as unknown as LessonSchemaContext;
const schema = lessonSchema(context, exerciseFolderProblem(exercisesDir));

const lesson = { title: 'Sums', description: 'Add numbers up.', order: 3, primer: ['S1.2'], exercises: ['sum'] };

/** The problems Astro would print for this frontmatter, as `field "…": message`. */
function problems(frontmatter: Record<string, unknown>): string[] {
  const parsed = schema.safeParse(frontmatter);
  return parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue.path, issue.message));
}

describe('lesson frontmatter', () => {
  it('accepts a lesson, fills in kind and mirrors order onto the sidebar', () => {
    const parsed = schema.parse(lesson);
    expect(parsed).toMatchObject({ kind: 'lesson', order: 3, primer: ['S1.2'], exercises: ['sum'], sidebar: { order: 3 } });
  });

  it('accepts an overview page without primer sections', () => {
    expect(problems({ title: 'Where next', description: 'The course map.', kind: 'overview', order: 15 })).toEqual([]);
  });

  it('names a missing description', () => {
    expect(problems({ ...lesson, description: undefined })).toEqual([
      'field "description": expected a one-sentence description (used by search and the home page)',
    ]);
  });

  it('names a missing order and missing primer sections', () => {
    expect(problems({ title: 'Sums', description: 'Add numbers up.' })).toEqual([
      'field "order": expected a positive integer: the page\'s position in the course',
      "field \"primer\": expected the primer sections the lesson covers, e.g. ['S1.4'] (or kind: overview for a page about the course itself)",
    ]);
  });

  it('names a malformed primer section, order and kind', () => {
    expect(problems({ ...lesson, primer: ['1.4'], order: 2.5, kind: 'course-map' })).toEqual([
      'field "kind": expected "lesson" or "overview"',
      'field "order": expected a positive integer',
      'field "primer[0]": expected a primer section like "S2" or "S1.4"',
    ]);
  });

  it('refuses primer sections on an overview page', () => {
    expect(problems({ ...lesson, kind: 'overview' })).toEqual([
      'field "primer": expected no primer sections on an overview page (kind: overview); remove primer, or make it kind: lesson',
    ]);
  });

  it('names an exercise that does not exist', () => {
    expect(problems({ ...lesson, exercises: ['sum', 'summ'] })).toEqual([
      'field "exercises[1]": unknown exercise "summ": expected a folder exercises/summ/ (npm run new:exercise -- summ creates one)',
    ]);
  });

  it('names an exercise listed twice', () => {
    expect(problems({ ...lesson, exercises: ['sum', 'sum'] })).toEqual(['field "exercises": expected each exercise id once']);
  });

  it('names an embedded exercise whose folder is incomplete, with the missing file', () => {
    expect(problems({ ...lesson, exercises: ['no-starter'] })).toEqual([
      `field "exercises[0]": exercise "no-starter" is broken: ${join(exercisesDir, 'no-starter', 'starter.ts')}: missing file: expected the code the learner starts from`,
    ]);
  });
});
