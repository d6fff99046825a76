/**
 * A throwaway copy of the project for tests that scaffold, build or serve it, so they never leave files in
 * lessons/, exercises/ or dist/ of the real one. Sources are copied; node_modules is hard-linked (fast, and
 * Vite resolves real paths, which a symlink would send back into the real project), minus the caches that
 * Vite and Astro rewrite in place.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const copied = ['src', 'lessons', 'exercises', 'public', 'package.json', 'tsconfig.json', 'astro.config.mjs'];
const rewrittenCaches = new Set(['.vite', '.astro']);

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (rewrittenCaches.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (lstatSync(source).isFile()) linkOrCopy(source, target);
  }
}

function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    // The temporary folder is on another file system: copy instead (slower, same result).
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(source, target);
  }
}

export interface TempProject {
  readonly root: string;
  remove(): void;
}

export function copyProject(): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'sdl-project-'));
  for (const name of copied) cpSync(join(repoRoot, name), join(root, name), { recursive: true });
  linkTree(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment an instructor's shell would have: without vitest's `NODE_ENV=test` and `VITEST*`, under
 * which Astro's dev server serves no content pages.
 */
export function instructorEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')));
}

/** Runs `npm run <script> -- <args>` in `cwd` (npm puts the project's Node 22 first on PATH). */
export function npmRun(cwd: string, script: string, args: readonly string[] = []): Promise<CommandResult> {
  return run(cwd, 'npm', ['run', '--silent', script, '--', ...args]);
}

/** Runs `npx <args>` in `cwd`, with the project's tools and Node 22. */
export function npx(cwd: string, args: readonly string[]): Promise<CommandResult> {
  return run(cwd, 'npx', args);
}

function run(cwd: string, command: string, args: readonly string[]): Promise<CommandResult> {
  return new Promise((settle) => {
    const options = { cwd, env: instructorEnv(), maxBuffer: 32 * 1024 * 1024 };
    // Tools colour their output on some machines (CI=true makes Astro's logger do it): compare plain text.
    const child = execFile(command, args, options, (error, stdout, stderr) =>
      settle({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
        stdout: stripVTControlCharacters(stdout),
        stderr: stripVTControlCharacters(stderr),
      }),
    );
    child.stdin?.end();
  });
}
