/** Defaults of exercise.json, in a module without zod so the grading worker can read them cheaply. */

/** Wall-time budget of one run, in real milliseconds, when exercise.json sets no `timeLimitMs`. */
export const defaultTimeLimitMs = 5_000;
