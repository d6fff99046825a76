import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/course/course.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sumFixture = fileURLToPath(new URL('../fixtures/exercises/sum/', import.meta.url));
const courses: string[] = [];

const lessonText = (frontmatter: string): string => `---\n${frontmatter.trim()}\n---\n\nText.\n`;

/**
 * A small sound course in a temporary folder: lesson 01 embeds the `sum` fixture, lesson 02 is an overview.
 * `breakIt` then changes it.
 */
function course(breakIt: (root: string) => void = () => {}): { root: string; exercisesDir: string; lessonsDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'course-'));
  courses.push(root);
  const exercisesDir = join(root, 'exercises');
  const lessonsDir = join(root, 'lessons');
  cpSync(sumFixture, join(exercisesDir, 'sum'), { recursive: true });
  mkdirSync(lessonsDir);
  writeFileSync(
    join(lessonsDir, '01-what-system-design-is.mdx'),
    lessonText("title: Sums\ndescription: Add numbers.\norder: 1\nprimer: ['S0']\nexercises: ['sum']"),
  );
  writeFileSync(join(lessonsDir, '02-where-next.mdx'), lessonText('title: Where next\ndescription: The map.\nkind: overview\norder: 2'));
  breakIt(root);
  return { root, exercisesDir, lessonsDir };
}

const problemsOf = (root: string): readonly string[] =>
  loadCourse({ exercisesDir: join(root, 'exercises'), lessonsDir: join(root, 'lessons') }).problems;

function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
}

/** `npm run check:exercises -- <args>`, from the repository root. */
function checkCommand(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((settle) => {
    const cli = execFile(process.execPath, ['src/cli/check-exercises.ts', ...args], { cwd: repoRoot }, (error, stdout, stderr) =>
      settle({ code: error === null ? 0 : (error.code as number | null), stdout, stderr }),
    );
    cli.stdin?.end();
  });
}

afterEach(() => {
  for (const root of courses.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('validating the course before grading', () => {
  it('finds nothing wrong with the real course, whose closing page is an overview', () => {
    const real = loadCourse({ exercisesDir: join(repoRoot, 'exercises'), lessonsDir: join(repoRoot, 'lessons') });
    expect(real.problems).toEqual([]);
    expect(real.lessons.length).toBeGreaterThan(1);
    expect(real.exercises.length).toBeGreaterThan(1);
  });

  it('finds nothing wrong with a sound small course', () => {
    const { root } = course();
    const sound = loadCourse({ exercisesDir: join(root, 'exercises'), lessonsDir: join(root, 'lessons') });
    expect(sound.problems).toEqual([]);
    expect(sound.lessons.map((lesson) => [lesson.slug, lesson.order, lesson.exercises])).toEqual([
      ['01-what-system-design-is', 1, ['sum']],
      ['02-where-next', 2, []],
    ]);
  });

  it('names the lesson file and the field for broken frontmatter', () => {
    const { root, lessonsDir } = course((dir) =>
      writeFileSync(join(dir, 'lessons', '02-where-next.mdx'), lessonText("title: Where next\ndescription: The map.\norder: 2\nprimer: ['S1', 'two']")),
    );
    expect(problemsOf(root)).toEqual([`${join(lessonsDir, '02-where-next.mdx')}: field "primer[1]": expected a primer section like "S2" or "S1.4"`]);
  });

  it('names broken frontmatter once, without calling its exercises orphans', () => {
    const { root, lessonsDir } = course((dir) =>
      writeFileSync(join(dir, 'lessons', '01-what-system-design-is.mdx'), lessonText("title: Sums\norder: 1\nprimer: ['S0']\nexercises: ['sum']")),
    );
    expect(problemsOf(root)).toEqual([
      `${join(lessonsDir, '01-what-system-design-is.mdx')}: field "description": expected a one-sentence description (used by search and the home page)`,
    ]);
  });

  it('names a lesson whose frontmatter is not YAML', () => {
    const { root, lessonsDir } = course((dir) => writeFileSync(join(dir, 'lessons', '02-where-next.mdx'), lessonText('title: [Where next\norder: 2')));
    expect(problemsOf(root)).toEqual([expect.stringMatching(new RegExp(`^${join(lessonsDir, '02-where-next.mdx')}: the frontmatter is not valid YAML \\(.+\\)$`))]);
  });

  it('names a lesson that embeds an exercise that does not exist', () => {
    const { root, lessonsDir } = course((dir) =>
      writeFileSync(join(dir, 'lessons', '02-where-next.mdx'), lessonText("title: Next\ndescription: The map.\norder: 2\nprimer: ['S1']\nexercises: ['summ']")),
    );
    expect(problemsOf(root)).toEqual([
      `${join(lessonsDir, '02-where-next.mdx')}: field "exercises[0]": unknown exercise "summ": expected a folder exercises/summ/ (npm run new:exercise -- summ creates one)`,
    ]);
  });

  it('names an exercise embedded by two lessons', () => {
    const { root, lessonsDir } = course((dir) =>
      writeFileSync(join(dir, 'lessons', '02-where-next.mdx'), lessonText("title: Next\ndescription: The map.\norder: 2\nprimer: ['S1']\nexercises: ['sum']")),
    );
    expect(problemsOf(root)).toEqual([
      `${join(lessonsDir, '02-where-next.mdx')}: field "exercises[0]": expected an exercise no other lesson embeds, but ${join(lessonsDir, '01-what-system-design-is.mdx')} embeds "sum" too`,
    ]);
  });

  it('names two pages with the same order', () => {
    const { root, lessonsDir } = course((dir) =>
      writeFileSync(join(dir, 'lessons', '02-where-next.mdx'), lessonText('title: Where next\ndescription: The map.\nkind: overview\norder: 1')),
    );
    expect(problemsOf(root)).toEqual([
      `${join(lessonsDir, '02-where-next.mdx')}: field "order": expected a position no other page has, but ${join(lessonsDir, '01-what-system-design-is.mdx')} also has order 1`,
    ]);
  });

  it('names exercise.json when its lesson does not exist, or does not embed it', () => {
    const missing = course((dir) => editJson(join(dir, 'exercises', 'sum', 'exercise.json'), (json) => (json.lesson = '07-nowhere')));
    expect(problemsOf(missing.root)).toEqual([
      `${join(missing.exercisesDir, 'sum', 'exercise.json')}: field "lesson": expected the slug of a page in lessons/, but there is no lessons/07-nowhere.mdx`,
    ]);
    const elsewhere = course((dir) => editJson(join(dir, 'exercises', 'sum', 'exercise.json'), (json) => (json.lesson = '02-where-next')));
    expect(problemsOf(elsewhere.root)).toEqual([
      `${join(elsewhere.exercisesDir, 'sum', 'exercise.json')}: field "lesson": expected the lesson that embeds "sum", but ${join(elsewhere.lessonsDir, '02-where-next.mdx')} does not list it in its exercises`,
    ]);
  });

  it('names a broken exercise folder once, without blaming the lesson that embeds it', () => {
    const { root, exercisesDir } = course((dir) => editJson(join(dir, 'exercises', 'sum', 'exercise.json'), (json) => (json.timeLimitMs = 'fast')));
    expect(problemsOf(root)).toEqual([
      `${join(exercisesDir, 'sum', 'exercise.json')}: field "timeLimitMs": Invalid input: expected number, received string`,
    ]);
  });

  it('names an exercise folder whose name is not an id', () => {
    const { root, exercisesDir } = course((dir) => cpSync(sumFixture, join(dir, 'exercises', 'Sum_Two'), { recursive: true }));
    expect(problemsOf(root)).toEqual([
      `${join(exercisesDir, 'Sum_Two')}: the folder name is the exercise id: expected lower-case words joined by hyphens, like "backoff-jitter", found "Sum_Two"`,
    ]);
  });

  it('names an exercise id the check command does not know', async () => {
    const { code, stderr } = await checkCommand(['no-such-exercise']);
    expect(code).toBe(1);
    expect(stderr).toContain('No exercise "no-such-exercise" in exercises: expected the name of a folder there (npm run new:exercise -- <id> creates one).');
  });

  it('stops the check command before any grading, naming every problem', async () => {
    const { exercisesDir, lessonsDir } = course((dir) => {
      rmSync(join(dir, 'exercises', 'sum', 'wrong', 'starts-at-one.ts'));
      writeFileSync(join(dir, 'lessons', '02-where-next.mdx'), lessonText('title: Where next\ndescription: The map.\norder: 2'));
    });
    const { code, stdout, stderr } = await checkCommand([exercisesDir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('2 problems with the course files; nothing was graded:');
    expect(stderr).toContain(`✗ ${join(exercisesDir, 'sum', 'wrong')}: expected at least 2 wrong variants (wrong/*.ts), found 1`);
    expect(stderr).toContain(`✗ ${join(lessonsDir, '02-where-next.mdx')}: field "primer": expected the primer sections the lesson covers`);
  });
});
