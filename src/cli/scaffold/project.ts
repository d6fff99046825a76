/** Where the scaffolds write, and how they write: new files only, never over an instructor's work. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { projectRoot } from '../../course/paths.ts';

/** A problem with the command line or the project: printed as is, and the command exits non-zero. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';
}

/** "16-caching-basics" → "Caching basics"; "hash-ring" → "Hash ring". */
export function titleFromSlug(slug: string): string {
  const words = slug.replace(/^\d+-/, '').split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Writes `files` (paths relative to `root`) and returns their paths relative to the project root, in order.
 * Refuses, before writing anything, when one of them exists.
 */
export function writeNewFiles(root: string, files: Readonly<Record<string, string>>): string[] {
  const taken = Object.keys(files).filter((path) => existsSync(join(root, path)));
  if (taken.length > 0) throw new ScaffoldError(`${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written.`);
  return Object.entries(files).map(([path, source]) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    return relative(projectRoot, file);
  });
}

/** Runs a scaffold command: a ScaffoldError becomes one line on stderr and exit code 1. */
export function runScaffold(command: () => void): void {
  try {
    command();
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
