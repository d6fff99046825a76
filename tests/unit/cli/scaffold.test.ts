/**
 * The instructor's path end to end, in a throwaway copy of the project: scaffold an exercise and a lesson
 * that embeds it, check the exercise, build the site, and find the new page with its exercise. Slow (a full
 * build), so it has a file of its own and generous timeouts; nothing here measures time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, npmRun, npx, type TempProject } from './temp-project.ts';

const exerciseId = 'scaffolded-register';
const lessonSlug = '16-scaffolded-lesson';
const standaloneSlug = '17-standalone-lesson';
// Generous: a loaded 2-core machine is slow, and these bound a hang, not a speed.
const commandTimeout = 120_000;
const buildTimeout = 600_000;
let project: TempProject;

// Copying the project links every file of node_modules: seconds on a loaded machine, past the default 10 s hook.
beforeAll(() => {
  project = copyProject();
}, commandTimeout);
afterAll(() => project?.remove(), commandTimeout);

describe('scaffolding a lesson and an exercise', () => {
  it('creates an exercise folder with every file the format asks for', async () => {
    const created = await npmRun(project.root, 'new:exercise', [exerciseId, '--lesson', lessonSlug]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    for (const file of ['exercise.json', 'prompt.md', 'hints.md', 'starter.ts', 'solution.ts', 'tests.ts', 'alternatives/memory-copy-written-through.ts', 'mutation.json']) {
      expect(existsSync(join(project.root, 'exercises', exerciseId, file)), file).toBe(true);
    }
    expect(created.stdout).toContain(`Next: npm run new:lesson -- ${lessonSlug} --primer <sections> --exercise ${exerciseId}`);
  }, commandTimeout);

  it('refuses to overwrite an exercise, a bad id and a missing lesson, writing nothing', async () => {
    const again = await npmRun(project.root, 'new:exercise', [exerciseId, '--lesson', lessonSlug]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exercise.json, prompt.md, hints.md, starter.ts, solution.ts, tests.ts, wrong/keeps-the-value-in-memory.ts, wrong/reads-undefined-before-the-first-write.ts, wrong/forgets-falsy-values.ts, alternatives/memory-copy-written-through.ts, mutation.json already exist; nothing was written.');
    const badId = await npmRun(project.root, 'new:exercise', ['Bad_Id', '--lesson', lessonSlug]);
    expect(badId.stderr).toContain('"Bad_Id": expected an exercise id of lower-case words joined by hyphens, like "backoff-jitter"');
    const noLesson = await npmRun(project.root, 'new:exercise', ['another-one']);
    expect(noLesson.stderr).toContain('--lesson: expected the slug of the lesson that embeds the exercise');
    expect(existsSync(join(project.root, 'exercises', 'another-one'))).toBe(false);
  }, commandTimeout);

  it('creates a lesson that embeds the exercise, and one that stands alone', async () => {
    const withExercise = await npmRun(project.root, 'new:lesson', [lessonSlug, '--primer', 'S1.4', '--exercise', exerciseId]);
    expect(withExercise.code).toBe(0);
    const source = readFileSync(join(project.root, 'lessons', `${lessonSlug}.mdx`), 'utf8');
    expect(source).toContain(`exercises: ['${exerciseId}']`);
    expect(source).toContain(`<Exercise id="${exerciseId}" />`);
    const standalone = await npmRun(project.root, 'new:lesson', [standaloneSlug, '--primer', 'S2,S3']);
    expect(standalone.code).toBe(0);
    const noPrimer = await npmRun(project.root, 'new:lesson', ['18-no-primer']);
    expect(noPrimer.stderr).toContain('--primer: expected the primer sections the lesson covers');
    const taken = await npmRun(project.root, 'new:lesson', ['16-other', '--primer', 'S1']);
    expect(taken.stderr).toContain(`lessons/${lessonSlug}.mdx already starts with "16-": pick the next free number`);
  }, commandTimeout);

  it('type-checks: starter, solution, alternative, wrong variants and hidden tests', async () => {
    const config = join(project.root, 'tsconfig.scaffold.json');
    writeFileSync(config, JSON.stringify({ extends: './tsconfig.json', include: [`exercises/${exerciseId}/**/*`] }));
    const tsc = await npx(project.root, ['tsc', '--noEmit', '-p', config]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, commandTimeout);

  it('passes the curriculum check: the starter and every wrong variant fail, the solution and its alternative pass', async () => {
    const check = await npmRun(project.root, 'check:exercises', [exerciseId]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(new RegExp(`^${exerciseId}\\s+3\\s+1\\s+3\\s+ok\\s`, 'm'));
    expect(check.stdout).toContain('The exercise is sound.');
  }, commandTimeout);

  it('builds, and the new pages are there with the exercise, its editor types and a sidebar link', async () => {
    const outDir = join(project.root, 'private-dist');
    const build = await npmRun(project.root, 'build', ['--outDir', outDir]);
    expect(build.code, build.stderr).toBe(0);
    const page = readFileSync(join(outDir, lessonSlug, 'index.html'), 'utf8');
    expect(page).toContain('<sdl-exercise');
    expect(page).toContain('Scaffolded register');
    // The editor type-checks against src/sim/disk.ts itself, the file the starter imports its type from.
    expect(page).toContain('"typeFiles":{"src/sim/disk.ts"');
    expect(page).toContain(`href="/${standaloneSlug}/"`);
    expect(readFileSync(join(outDir, standaloneSlug, 'index.html'), 'utf8')).toContain('Standalone lesson');
  }, buildTimeout);

  it('stops astro with the lesson file and the field when its frontmatter breaks', async () => {
    const file = join(project.root, 'lessons', `${lessonSlug}.mdx`);
    writeFileSync(file, readFileSync(file, 'utf8').replace("primer: ['S1.4']", "primer: ['1.4']"));
    const sync = await npmRun(project.root, 'typecheck');
    const output = sync.stdout + sync.stderr;
    expect(sync.code).not.toBe(0);
    expect(output).toContain(`lessons/${lessonSlug}.mdx`);
    expect(output).toContain('primer.0: expected a primer section like "S2" or "S1.4"');
  }, buildTimeout);
});
