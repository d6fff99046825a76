/**
 * `npm run dev` picks up an instructor's edits without a restart: in a throwaway copy of the project, edit
 * a lesson, an exercise's metadata, prompt, hints, starter and solution, and its hidden tests, and see each
 * change served — and, for what the page shows, a full-reload pushed to the open page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, instructorEnv, npmRun, type TempProject } from './temp-project.ts';

const exerciseId = 'reload-register';
const lessonSlug = '16-reload-lesson';
let project: TempProject;
let server: ChildProcess;
let origin: string;
let hmr: WebSocket;
let fullReloads = 0;

function freePort(): Promise<number> {
  return new Promise((settle, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? settle(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Polls `probe` every 200 ms until it returns true; gives up after `attempts`. */
async function eventually(probe: () => Promise<boolean> | boolean, what: string, attempts = 150): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      if (await probe()) return;
    } catch {
      // The server is not answering yet.
    }
    await new Promise((resume) => setTimeout(resume, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const fetchText = async (path: string): Promise<string> => (await fetch(`${origin}${path}`)).text();

/**
 * Makes `edit`, waits for the dev server to push a full reload to the open page, then for the page to be served
 * with `expected` (the server may push the reload a moment before its content store has caught up).
 */
async function expectReloadWith(edit: () => void, expected: string): Promise<void> {
  const before = fullReloads;
  edit();
  await eventually(() => fullReloads > before, 'a full-reload message');
  await eventually(async () => (await fetchText(`/${lessonSlug}/`)).includes(expected), `the page with "${expected}"`, 50);
}

const exerciseFile = (name: string): string => join(project.root, 'exercises', exerciseId, name);

beforeAll(async () => {
  project = copyProject();
  expect((await npmRun(project.root, 'new:exercise', [exerciseId, '--lesson', lessonSlug])).code).toBe(0);
  expect((await npmRun(project.root, 'new:lesson', [lessonSlug, '--primer', 'S1', '--exercise', exerciseId])).code).toBe(0);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // Its own process group, so the server and npm's children stop together.
  server = spawn('npm', ['run', 'dev', '--', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: project.root,
    env: instructorEnv(),
    detached: true,
    stdio: 'ignore',
  });
  await eventually(async () => (await fetch(`${origin}/${lessonSlug}/`)).ok, 'the dev server', 900);
  hmr = new WebSocket(`ws://127.0.0.1:${port}/`, 'vite-hmr');
  hmr.addEventListener('message', (event) => {
    if ((JSON.parse(String(event.data)) as { type?: string }).type === 'full-reload') fullReloads += 1;
  });
  await new Promise((opened) => hmr.addEventListener('open', opened, { once: true }));
}, 240_000);

// Removing the copy (its node_modules is thousands of links) took over the default 10 s on a busy machine.
afterAll(() => {
  hmr?.close();
  if (server?.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
  project?.remove();
}, 120_000);

describe('npm run dev', () => {
  it('reloads the page with an edited lesson', async () => {
    await expectReloadWith(() => appendFileSync(join(project.root, 'lessons', `${lessonSlug}.mdx`), '\nA paragraph added while the server ran.\n'), 'A paragraph added while the server ran.');
  });

  it('reloads the page with edited exercise metadata, prompt, hints, starter and solution', async () => {
    const json = exerciseFile('exercise.json');
    await expectReloadWith(() => writeFileSync(json, readFileSync(json, 'utf8').replace('"Reload register"', '"A retitled register"')), 'A retitled register');
    await expectReloadWith(() => appendFileSync(exerciseFile('prompt.md'), '\nA sentence added to the prompt.\n'), 'A sentence added to the prompt.');
    await expectReloadWith(() => appendFileSync(exerciseFile('hints.md'), '\n## A hint added later\n\nLook again.\n'), 'A hint added later');
    await expectReloadWith(() => appendFileSync(exerciseFile('starter.ts'), '\n// a comment added to the starter\n'), 'a comment added to the starter');
    await expectReloadWith(() => appendFileSync(exerciseFile('solution.ts'), '\n// a comment added to the solution\n'), 'a comment added to the solution');
  });

  it('serves edited hidden tests to the next run, which loads them in a new worker', async () => {
    appendFileSync(exerciseFile('tests.ts'), '\n// a comment added to the hidden tests\n');
    await eventually(async () => (await fetchText(`/exercises/${exerciseId}/tests.ts`)).includes('a comment added to the hidden tests'), 'the edited tests');
  });
});
