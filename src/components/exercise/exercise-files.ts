/** Build-time: everything the exercise island shows, read from `exercises/<id>/` through the exercise loader. */
import { join, relative } from 'node:path';
import { loadExerciseFolder } from '../../course/exercise-folder.ts';
import { fnv1aHex } from '../../sim/hash.ts';
import { collectTypeFiles } from './type-files.ts';
import { splitHints, type Hint } from './hints.ts';

/** Astro builds from the project root; paths from import.meta.url would point into the bundled output instead. */
const ROOT_DIR = process.cwd();

/**
 * What the page shows of every exercise, imported rather than read with `fs` so that Vite knows the page
 * depends on these files: in `npm run dev` an edit to any of them reloads the page. (Hidden tests need no
 * such edge: every run loads them afresh in a new worker.)
 */
const shownFiles = import.meta.glob<string>('/exercises/*/{exercise.json,prompt.md,hints.md,starter.ts,solution.ts}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function shownFile(id: string, name: string): string {
  const source = shownFiles[`/exercises/${id}/${name}`];
  if (source === undefined) throw new Error(`exercises/${id}/${name}: missing file`);
  return source;
}

export interface ExerciseFiles {
  id: string;
  title: string;
  timeLimitMs: number;
  prompt: string;
  starter: string;
  starterHash: string;
  solution: string;
  hints: Hint[];
  /** Where the learner's file sits in the repository; its relative type imports resolve from here. */
  filePath: string;
  typeFiles: Record<string, string>;
}

export function readExerciseFiles(id: string): ExerciseFiles {
  // The loader validates exercise.json and checks that every file exists; a broken folder fails the build here.
  const folder = loadExerciseFolder(join(ROOT_DIR, 'exercises', id));
  const filePath = relative(ROOT_DIR, folder.starter.path).split('\\').join('/');
  const starter = shownFile(id, 'starter.ts');
  return {
    id,
    title: folder.meta.title,
    timeLimitMs: folder.meta.timeLimitMs,
    prompt: shownFile(id, 'prompt.md'),
    starter,
    starterHash: fnv1aHex(starter),
    solution: shownFile(id, 'solution.ts'),
    hints: splitHints(shownFile(id, 'hints.md'), relative(ROOT_DIR, join(folder.dir, 'hints.md'))),
    filePath,
    typeFiles: collectTypeFiles(ROOT_DIR, filePath, starter),
  };
}
