/**
 * The course as the e2e suite, the bench and the closing page's course map read it: the lessons in order with
 * their titles and exercises, and what a learner sees of each exercise. Read from lessons/ and exercises/
 * through the same schemas the site uses, afresh on every call (so `npm run dev` draws what the files say
 * now); broken frontmatter throws every problem at once, so nothing runs against a half-read course.
 */
import { join } from 'node:path';
import { loadExerciseFolder } from './exercise-folder.ts';
import { lessonsInOrder } from './course-lessons.ts';
import type { CourseLesson } from './course-lessons.ts';
import { exerciseFolderExists } from './lesson-frontmatter.ts';
import { readLessonFiles } from './lesson-files.ts';
import { coursePaths } from './paths.ts';
import type { CoursePaths } from './paths.ts';

/** Every lesson page in the course's order (`order` in its frontmatter). */
export function courseLessons({ exercisesDir, lessonsDir }: CoursePaths = coursePaths): readonly CourseLesson[] {
  const { lessons, problems } = readLessonFiles(lessonsDir, exerciseFolderExists(exercisesDir));
  if (problems.length > 0) throw new Error(`The lessons cannot be read:\n${problems.map((problem) => `  ✗ ${problem}`).join('\n')}`);
  return lessonsInOrder(lessons);
}

/** The lesson whose file is lessons/<slug>.mdx. */
export function courseLesson(slug: string, paths: CoursePaths = coursePaths): CourseLesson {
  const lessons = courseLessons(paths);
  const lesson = lessons.find((candidate) => candidate.slug === slug);
  if (lesson === undefined) throw new Error(`No lesson "${slug}": expected one of ${lessons.map((known) => known.slug).join(', ')}`);
  return lesson;
}

/** What a learner sees of one exercise, and what its reference solution is. */
export interface ExerciseFacts {
  readonly id: string;
  /** The slug of the lesson that embeds it. */
  readonly lesson: string;
  readonly title: string;
  /** The visible test names, in order. */
  readonly tests: readonly string[];
  /** The learner's wall-time budget for one run, in milliseconds. */
  readonly timeLimitMs: number;
  readonly starter: string;
  readonly solution: string;
}

export function courseExercise(id: string, { exercisesDir }: CoursePaths = coursePaths): ExerciseFacts {
  const folder = loadExerciseFolder(join(exercisesDir, id));
  const { title, lesson, tests, timeLimitMs } = folder.meta;
  return { id, lesson, title, tests, timeLimitMs, starter: folder.starter.source, solution: folder.solution.source };
}
