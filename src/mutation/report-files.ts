/** Reads and writes an exercise's mutation files. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { displayPath } from '../course/problem-text.ts';
import { equivalentsFile, gradedFiles, reportFile, toKillFile } from './report.ts';
import type { GradedFileContents, MutationFiles, MutationReport } from './report.ts';

const readIfThere = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

export function readMutationFiles(exerciseDir: string): MutationFiles {
  const contents = Object.fromEntries(gradedFiles.map((file) => [file, readFileSync(join(exerciseDir, file), 'utf8')])) as GradedFileContents;
  return {
    id: basename(exerciseDir),
    folder: displayPath(exerciseDir).split('\\').join('/'),
    contents,
    report: readIfThere(join(exerciseDir, reportFile)),
    equivalents: readIfThere(join(exerciseDir, equivalentsFile)),
    toKill: readIfThere(join(exerciseDir, toKillFile)),
  };
}

export function writeMutationReport(exerciseDir: string, report: MutationReport): void {
  writeFileSync(join(exerciseDir, reportFile), `${JSON.stringify(report, null, 2)}\n`);
}
