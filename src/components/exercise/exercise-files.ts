/** Build-time: everything the exercise island shows, read from `exercises/<id>/` through the exercise loader. */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadExerciseFolder } from '../../exercises/load.ts';
import { hashText } from '../../site/hash.ts';
import { collectTypeFiles } from './type-files.ts';
import { splitHints, type Hint } from './hints.ts';

/** Astro builds from the project root; paths from import.meta.url would point into the bundled output instead. */
const ROOT_DIR = process.cwd();

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
  const starter = folder.starter.source;
  return {
    id,
    title: folder.meta.title,
    timeLimitMs: folder.meta.timeLimitMs,
    prompt: readFileSync(join(folder.dir, 'prompt.md'), 'utf8'),
    starter,
    starterHash: hashText(starter),
    solution: folder.solution.source,
    hints: splitHints(readFileSync(join(folder.dir, 'hints.md'), 'utf8'), relative(ROOT_DIR, join(folder.dir, 'hints.md'))),
    filePath,
    typeFiles: collectTypeFiles(ROOT_DIR, filePath, starter),
  };
}
