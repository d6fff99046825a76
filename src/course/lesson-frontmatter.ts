/**
 * Lesson frontmatter: Starlight's fields plus ours. This schema is the single source of truth; Astro
 * validates every file in lessons/ with it (src/content.config.ts), and the Node side of the course reads
 * the same frontmatter through it (src/course/lesson-files.ts), for the check, the tests, the bench and the
 * figures. It imports no `astro:` module, so both can load it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { docsSchema } from '@astrojs/starlight/schema';
import { ExerciseFolderError, loadExerciseFolder } from './exercise-folder.ts';

/** What Astro hands a collection schema (only `image()` is used, by Starlight's hero). */
export type LessonSchemaContext = Parameters<ReturnType<typeof docsSchema>>[0];

/**
 * `lesson` teaches primer sections and needs them; `overview` is a page about the course itself (the
 * closing course map, say): it keeps its place in the sidebar but covers no primer section of its own.
 */
export const pageKinds = ['lesson', 'overview'] as const;
export type PageKind = (typeof pageKinds)[number];

/** Why an exercise id cannot be embedded, or undefined when it can. */
export type ExerciseProblem = (id: string) => string | undefined;

export function unknownExercise(id: string): string {
  return `unknown exercise "${id}": expected a folder exercises/${id}/ (npm run new:exercise -- ${id} creates one)`;
}

/** An embedded exercise must have a folder; whether the folder is complete is the exercise loader's to say. */
export function exerciseFolderExists(exercisesDir: string): ExerciseProblem {
  return (id) => (existsSync(join(exercisesDir, id)) ? undefined : unknownExercise(id));
}

/** For the site: an embedded exercise must exist and its folder must be complete, or the build stops here. */
export function exerciseFolderProblem(exercisesDir: string): ExerciseProblem {
  return (id) => {
    const dir = join(exercisesDir, id);
    if (!existsSync(dir)) return unknownExercise(id);
    try {
      loadExerciseFolder(dir);
      return undefined;
    } catch (error) {
      if (!(error instanceof ExerciseFolderError)) throw error;
      return `exercise "${id}" is broken: ${error.message}`;
    }
  };
}

/** Our own fields, on top of Starlight's. */
export function lessonFields(exerciseProblem: ExerciseProblem) {
  return z.object({
    description: z
      .string({ error: 'expected a one-sentence description (used by search and the home page)' })
      .min(1, 'expected a one-sentence description (used by search and the home page)'),
    kind: z.enum(pageKinds, { error: `expected "lesson" or "overview"` }).default('lesson'),
    /** Position in the course; the sidebar and previous/next links follow it. */
    order: z.number({ error: 'expected a positive integer' }).int('expected a positive integer').positive('expected a positive integer').optional(),
    /** The primer sections a lesson covers, e.g. ['S1.4']. Lessons need it; overview pages have none. */
    primer: z.array(z.string().regex(/^S\d+(\.\d+)*$/, 'expected a primer section like "S2" or "S1.4"')).min(1, 'expected at least one primer section').optional(),
    /** Ids of the exercises the page embeds; each must be a complete folder in exercises/. */
    exercises: z
      .array(z.string().superRefine((id, issues) => {
        const problem = exerciseProblem(id);
        if (problem !== undefined) issues.addIssue({ code: 'custom', message: problem });
      }))
      .refine((ids) => new Set(ids).size === ids.length, 'expected each exercise id once')
      .default([]),
  });
}

/** A lesson file's frontmatter after validation (defaults filled in). */
export type LessonFrontmatter = z.output<ReturnType<typeof lessonSchema>>;

/** The whole lesson schema Astro validates a file in lessons/ against. */
export function lessonSchema(context: LessonSchemaContext, exerciseProblem: ExerciseProblem) {
  return (
    docsSchema({ extend: lessonFields(exerciseProblem) })(context)
      // Pages rendered with the "doc" template are course pages and need their place; the splash home page
      // (rendered through <StarlightPage>, which validates against this same schema) has neither.
      .superRefine((page, issues) => {
        if (page.template !== 'doc') return;
        if (page.order === undefined) issues.addIssue({ code: 'custom', path: ['order'], message: 'expected a positive integer: the page\'s position in the course' });
        if (page.kind === 'lesson' && page.primer === undefined) {
          issues.addIssue({ code: 'custom', path: ['primer'], message: "expected the primer sections the lesson covers, e.g. ['S1.4'] (or kind: overview for a page about the course itself)" });
        }
        if (page.kind === 'overview' && page.primer !== undefined) {
          issues.addIssue({ code: 'custom', path: ['primer'], message: 'expected no primer sections on an overview page (kind: overview); remove primer, or make it kind: lesson' });
        }
      })
      // The page's `order` is the one place its position is written; the sidebar follows it.
      .transform((page) => ({ ...page, sidebar: { ...page.sidebar, order: page.sidebar.order ?? page.order } }))
  );
}
