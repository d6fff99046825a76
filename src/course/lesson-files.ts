/**
 * The lessons/ folder read in Node through the schema Astro validates it with (src/course/lesson-frontmatter.ts):
 * one LessonFile per page whose frontmatter is sound, and one line per problem, naming the file and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'zod';
import { lessonSchema } from './lesson-frontmatter.ts';
import type { ExerciseProblem, LessonFrontmatter, LessonSchemaContext } from './lesson-frontmatter.ts';
import { describeIssue, displayPath } from './problem-text.ts';

/** One file in lessons/, its frontmatter validated. */
export type LessonFile = LessonFrontmatter & {
  /** The file name without its extension: the page's URL and what exercise.json `lesson` names. */
  readonly slug: string;
  readonly path: string;
};

export interface LessonFiles {
  readonly lessons: readonly LessonFile[];
  /** The slugs of the files whose frontmatter failed: each is named in `problems`. */
  readonly unreadable: ReadonlySet<string>;
  /** One sentence per problem, each starting with the file's path. */
  readonly problems: readonly string[];
}

// Outside Astro there are no images to resolve; a lesson's hero image path is checked by the build.
const nodeSchemaContext = { image: () => z.string() } as unknown as LessonSchemaContext;

export const slugOf = (path: string): string => basename(path, extname(path));

function readLessonFile(path: string, exerciseProblem: ExerciseProblem): { lesson?: LessonFile; problems: string[] } {
  const where = displayPath(path);
  let frontmatter: Record<string, unknown>;
  try {
    frontmatter = parseFrontmatter(readFileSync(path, 'utf8')).frontmatter;
  } catch (error) {
    return { problems: [`${where}: the frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]})`] };
  }
  const parsed = lessonSchema(nodeSchemaContext, exerciseProblem).safeParse(frontmatter);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${where}: ${describeIssue(issue.path, issue.message)}`) };
  return { lesson: { ...parsed.data, slug: slugOf(path), path }, problems: [] };
}

function listLessonFiles(lessonsDir: string): string[] {
  return readdirSync(lessonsDir)
    .filter((name) => name.endsWith('.md') || name.endsWith('.mdx'))
    .sort()
    .map((name) => join(lessonsDir, name));
}

/** Every page in `lessonsDir`, sorted by file name; `exerciseProblem` says whether an embedded id may be embedded. */
export function readLessonFiles(lessonsDir: string, exerciseProblem: ExerciseProblem): LessonFiles {
  const lessons: LessonFile[] = [];
  const unreadable = new Set<string>();
  const problems: string[] = [];
  for (const path of listLessonFiles(lessonsDir)) {
    const read = readLessonFile(path, exerciseProblem);
    if (read.lesson === undefined) unreadable.add(slugOf(path));
    else lessons.push(read.lesson);
    problems.push(...read.problems);
  }
  return { lessons, unreadable, problems };
}
