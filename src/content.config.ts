import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsSchema } from '@astrojs/starlight/schema';

/** An exercise exists when its folder holds the metadata file the exercise schema validates. */
const exerciseExists = (id: string) => existsSync(join(process.cwd(), 'exercises', id, 'exercise.json'));

/** Our own lesson frontmatter, on top of Starlight's. Astro names the lesson file when any field is invalid. */
const lessonFields = z.object({
  description: z.string().min(1, 'every lesson needs a one-sentence description (used by search and the home page)'),
  /** Position in the course; the sidebar and previous/next links follow it. Required for lessons (see below). */
  order: z.number().int().positive().optional(),
  /** The primer sections this lesson covers, e.g. ['S1.4']. Required for lessons (see below). */
  primer: z.array(z.string().regex(/^S\d+(\.\d+)*$/, 'primer sections look like "S2" or "S1.4"')).min(1).optional(),
  /** Ids of the exercises the lesson embeds; each must be a folder in exercises/ with an exercise.json. */
  exercises: z.array(
    z.string().refine(exerciseExists, {
      error: (issue) => `unknown exercise "${String(issue.input)}": there is no exercises/${String(issue.input)}/exercise.json`,
    }),
  ).default([]),
});

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './lessons', pattern: '**/*.{md,mdx}' }),
    schema: (context) =>
      docsSchema({ extend: lessonFields })(context)
        // Every lesson page (template "doc") needs its place and its primer sections; the splash home page
        // (rendered through <StarlightPage>, which validates against this same schema) has neither.
        .superRefine((page, issues) => {
          if (page.template !== 'doc') return;
          if (page.order === undefined) issues.addIssue({ code: 'custom', path: ['order'], message: 'every lesson needs an order (a positive integer)' });
          if (page.primer === undefined) issues.addIssue({ code: 'custom', path: ['primer'], message: "every lesson names the primer sections it covers, e.g. ['S1.4']" });
        })
        // The lesson's `order` is the one place its position is written; the sidebar follows it.
        .transform((lesson) => ({ ...lesson, sidebar: { ...lesson.sidebar, order: lesson.sidebar.order ?? lesson.order } })),
  }),
};
