/**
 * Where the course lives, for the Node tools (the check, the scaffolds, the runner in Node, the tests and the
 * bench): found from this file, so they work from any working directory. Code bundled by Astro cannot use
 * these (its modules run from the build cache); it passes folders under `process.cwd()` instead.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: two folders above src/course/. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The repository's `exercises/` folder: one folder per exercise. */
export const exercisesRoot = join(projectRoot, 'exercises');
/** The repository's `lessons/` folder: one MDX page per lesson. */
export const lessonsRoot = join(projectRoot, 'lessons');

/** The two folders that make a course; a test may point them at a copy. */
export interface CoursePaths {
  readonly exercisesDir: string;
  /** The lessons folder; when it does not exist (a folder of loose exercises), links are not checked. */
  readonly lessonsDir: string;
}

/** The course under `root`. */
export function coursePathsUnder(root: string): CoursePaths {
  return { exercisesDir: join(root, 'exercises'), lessonsDir: join(root, 'lessons') };
}

export const coursePaths: CoursePaths = coursePathsUnder(projectRoot);
