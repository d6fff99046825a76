/**
 * exercise.json: the metadata of one exercise folder. This schema is the single source of truth; the
 * Node loader, the curriculum check and the site all read exercise.json through it.
 */
import { z } from 'zod';
import { defaultTimeLimitMs } from './exercise-json-defaults.ts';

/** A lesson's file name without extension: two digits, then lower-case words joined by hyphens. */
export const lessonSlugPattern = /^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

export const exerciseExport = z
  .object({
    /** The export's name in the learner's module, e.g. `backoffDelay`. */
    name: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'expected a JavaScript identifier, like "backoffDelay"'),
    /** How the prompt and error messages show it, e.g. `backoffDelay(attempt, rng, options)`. */
    signature: z.string().min(1, 'expected a signature such as "backoffDelay(attempt, rng, options)"'),
  })
  .strict();
export type ExerciseExport = z.infer<typeof exerciseExport>;

export const exerciseMeta = z
  .object({
    title: z.string().min(1, 'expected a non-empty title'),
    /** The slug of the lesson that embeds the exercise, e.g. `05-reliability-and-resiliency`. */
    lesson: z.string().regex(lessonSlugPattern, 'expected a lesson slug like "05-reliability-and-resiliency"'),
    /** Wall-time budget of one run, in real milliseconds. */
    timeLimitMs: z.number().int().min(100).max(60_000).default(defaultTimeLimitMs),
    exports: z.array(exerciseExport).min(1, 'expected at least one export'),
    /** The visible test names; must equal the names the hidden tests register, in order. */
    tests: z
      .array(z.string().min(1, 'expected a non-empty test name'))
      .min(1, 'expected at least one test name')
      .refine((names) => new Set(names).size === names.length, 'expected unique test names'),
    /**
     * Why every simulation the hidden tests run is a reference run the learner's code takes no part in (a load
     * test whose samples the learner's code is handed, a run its answer is compared with). Without it, the
     * curriculum check asks for a wrong variant whose failure shows the learner's run.
     */
    referenceRunsOnly: z.string().min(20, 'expected a sentence saying why the learner\'s code takes no part in the simulations').optional(),
  })
  .strict();
/** exercise.json after parsing (defaults filled in). */
export type ExerciseMeta = z.infer<typeof exerciseMeta>;
/** exercise.json as written. */
export type ExerciseMetaInput = z.input<typeof exerciseMeta>;
