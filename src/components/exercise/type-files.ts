/**
 * Collects the source of every file the learner's code reaches through relative `import type` statements,
 * so the editor can type-check against the real declarations (e.g. `Rng`) instead of a hand-kept copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

const RELATIVE_IMPORT = /\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * @param rootDir absolute path of the repository root
 * @param entryPath path of the learner's file relative to rootDir, e.g. `exercises/backoff-jitter/starter.ts`
 * @param entrySource its source
 * @returns source by path relative to rootDir, without the entry itself
 */
export function collectTypeFiles(rootDir: string, entryPath: string, entrySource: string): Record<string, string> {
  const files: Record<string, string> = {};
  const pending: Array<[string, string]> = [[entryPath, entrySource]];
  while (pending.length > 0) {
    const [path, source] = pending.pop()!;
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      const imported = posix.normalize(posix.join(posix.dirname(path), match[1]!));
      if (imported in files || imported === entryPath) continue;
      const importedPath = posix.join(rootDir, imported);
      if (!existsSync(importedPath)) throw new Error(`${path}: imports "${match[1]}", but ${imported} does not exist`);
      const importedSource = readFileSync(importedPath, 'utf8');
      files[imported] = importedSource;
      pending.push([imported, importedSource]);
    }
  }
  return files;
}
