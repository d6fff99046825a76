import { join } from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { exerciseFolderProblem, lessonSchema } from './course/lesson-frontmatter.ts';

/** Astro runs from the project root; the bundled config's own URL would point into the build cache. */
const exerciseProblem = exerciseFolderProblem(join(process.cwd(), 'exercises'));

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './lessons', pattern: '**/*.{md,mdx}' }),
    // Astro names the lesson file, and the schema names the field and what it expected.
    schema: (context) => lessonSchema(context, exerciseProblem),
  }),
};
