/**
 * The course as files, validated before anything is graded: every exercise folder (src/course/exercise-folder.ts),
 * every lesson's frontmatter (src/course/lesson-files.ts, the same schema Astro uses), and the links between
 * them — a lesson embeds exercises that exist, each exercise names the one lesson that embeds it, no two pages
 * share an `order`. Every problem is one line: the file, the field, and what was expected.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExerciseFolderError, listExerciseDirs, loadExerciseFolder } from './exercise-folder.ts';
import type { ExerciseFolder } from './exercise-folder.ts';
import { exerciseFolderExists } from './lesson-frontmatter.ts';
import { readLessonFiles } from './lesson-files.ts';
import type { LessonFile } from './lesson-files.ts';
import { coursePaths } from './paths.ts';
import type { CoursePaths } from './paths.ts';
import { displayPath } from './problem-text.ts';

export interface Course {
  readonly exercises: readonly ExerciseFolder[];
  readonly lessons: readonly LessonFile[];
  /** One sentence per problem, each starting with the file's path. */
  readonly problems: readonly string[];
}

function duplicateOrders(lessons: readonly LessonFile[]): string[] {
  const firstWithOrder = new Map<number, LessonFile>();
  const problems: string[] = [];
  for (const lesson of lessons) {
    if (lesson.order === undefined) continue;
    const first = firstWithOrder.get(lesson.order);
    if (first === undefined) firstWithOrder.set(lesson.order, lesson);
    else problems.push(`${displayPath(lesson.path)}: field "order": expected a position no other page has, but ${displayPath(first.path)} also has order ${lesson.order}`);
  }
  return problems;
}

function duplicateEmbeds(lessons: readonly LessonFile[]): string[] {
  const embeddedBy = new Map<string, LessonFile>();
  const problems: string[] = [];
  for (const lesson of lessons) {
    lesson.exercises.forEach((id, index) => {
      const first = embeddedBy.get(id);
      if (first === undefined) embeddedBy.set(id, lesson);
      else problems.push(`${displayPath(lesson.path)}: field "exercises[${index}]": expected an exercise no other lesson embeds, but ${displayPath(first.path)} embeds "${id}" too`);
    });
  }
  return problems;
}

function lessonLinks(exercises: readonly ExerciseFolder[], lessons: readonly LessonFile[]): string[] {
  const bySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
  return exercises.flatMap((exercise) => {
    const where = `${displayPath(join(exercise.dir, 'exercise.json'))}: field "lesson"`;
    const lesson = bySlug.get(exercise.meta.lesson);
    if (lesson === undefined) return [`${where}: expected the slug of a page in lessons/, but there is no lessons/${exercise.meta.lesson}.mdx`];
    if (!lesson.exercises.includes(exercise.id)) {
      return [`${where}: expected the lesson that embeds "${exercise.id}", but ${displayPath(lesson.path)} does not list it in its exercises`];
    }
    return [];
  });
}

export function loadCourse({ exercisesDir, lessonsDir }: CoursePaths = coursePaths): Course {
  const exercises: ExerciseFolder[] = [];
  const problems: string[] = [];
  for (const dir of listExerciseDirs(exercisesDir)) {
    try {
      exercises.push(loadExerciseFolder(dir));
    } catch (error) {
      if (!(error instanceof ExerciseFolderError)) throw error;
      problems.push(error.message);
    }
  }
  if (!existsSync(lessonsDir)) return { exercises, lessons: [], problems };

  // A broken folder is already reported above; the lessons only need to know which ids exist.
  const { lessons, unreadable, problems: lessonProblems } = readLessonFiles(lessonsDir, exerciseFolderExists(exercisesDir));
  problems.push(...lessonProblems, ...duplicateOrders(lessons), ...duplicateEmbeds(lessons));
  // The exercises of a lesson whose frontmatter failed are not orphans: that failure is already named.
  problems.push(...lessonLinks(exercises.filter((exercise) => !unreadable.has(exercise.meta.lesson)), lessons));
  return { exercises, lessons, problems };
}
