/**
 * The course as files, validated before anything is graded: every exercise folder (src/exercises/load.ts),
 * every lesson's frontmatter (the same schema Astro uses), and the links between them — a lesson embeds
 * exercises that exist, each exercise names the one lesson that embeds it, no two pages share an `order`.
 * Every problem is one line: the file, the field, and what was expected.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'zod';
import { ExerciseFolderError, displayPath, describeIssue, listExerciseDirs, loadExerciseFolder } from './load.ts';
import type { ExerciseFolder } from './load.ts';
import { lessonSchema, unknownExercise } from './lesson-schema.ts';
import type { ExerciseProblem, LessonSchemaContext } from './lesson-schema.ts';

export interface CoursePaths {
  readonly exercisesDir: string;
  /** The lessons folder; when it does not exist (a folder of loose exercises), links are not checked. */
  readonly lessonsDir: string;
}

export interface LessonPage {
  /** The file name without its extension: the page's URL and what exercise.json `lesson` names. */
  readonly slug: string;
  readonly path: string;
  readonly order: number | undefined;
  readonly exercises: readonly string[];
}

export interface Course {
  readonly exercises: readonly ExerciseFolder[];
  readonly lessons: readonly LessonPage[];
  /** One sentence per problem, each starting with the file's path. */
  readonly problems: readonly string[];
}

// Outside Astro there are no images to resolve; a lesson's hero image path is checked by the build.
const nodeSchemaContext = { image: () => z.string() } as unknown as LessonSchemaContext;

const slugOf = (path: string): string => basename(path, extname(path));

function readLesson(path: string, exerciseProblem: ExerciseProblem): { page?: LessonPage; problems: string[] } {
  const where = displayPath(path);
  let frontmatter: Record<string, unknown>;
  try {
    frontmatter = parseFrontmatter(readFileSync(path, 'utf8')).frontmatter;
  } catch (error) {
    return { problems: [`${where}: the frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]})`] };
  }
  const parsed = lessonSchema(nodeSchemaContext, exerciseProblem).safeParse(frontmatter);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${where}: ${describeIssue(issue.path, issue.message)}`) };
  return { page: { slug: slugOf(path), path, order: parsed.data.order, exercises: parsed.data.exercises }, problems: [] };
}

function listLessonFiles(lessonsDir: string): string[] {
  return readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.md') || name.endsWith('.mdx'))
    .sort()
    .map((name) => join(lessonsDir, name));
}

function duplicateOrders(lessons: readonly LessonPage[]): string[] {
  const firstWithOrder = new Map<number, LessonPage>();
  const problems: string[] = [];
  for (const lesson of lessons) {
    if (lesson.order === undefined) continue;
    const first = firstWithOrder.get(lesson.order);
    if (first === undefined) firstWithOrder.set(lesson.order, lesson);
    else problems.push(`${displayPath(lesson.path)}: field "order": expected a position no other page has, but ${displayPath(first.path)} also has order ${lesson.order}`);
  }
  return problems;
}

function duplicateEmbeds(lessons: readonly LessonPage[]): string[] {
  const embeddedBy = new Map<string, LessonPage>();
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

function lessonLinks(exercises: readonly ExerciseFolder[], lessons: readonly LessonPage[]): string[] {
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

export function loadCourse({ exercisesDir, lessonsDir }: CoursePaths): Course {
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
  const exerciseProblem: ExerciseProblem = (id) => (existsSync(join(exercisesDir, id)) ? undefined : unknownExercise(id));
  const lessons: LessonPage[] = [];
  const unreadable = new Set<string>();
  for (const path of listLessonFiles(lessonsDir)) {
    const read = readLesson(path, exerciseProblem);
    if (read.page === undefined) unreadable.add(slugOf(path));
    else lessons.push(read.page);
    problems.push(...read.problems);
  }
  problems.push(...duplicateOrders(lessons), ...duplicateEmbeds(lessons));
  // The exercises of a lesson whose frontmatter failed are not orphans: that failure is already named.
  problems.push(...lessonLinks(exercises.filter((exercise) => !unreadable.has(exercise.meta.lesson)), lessons));
  return { exercises, lessons, problems };
}
