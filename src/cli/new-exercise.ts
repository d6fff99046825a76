/**
 * `npm run new:exercise -- <id> --lesson <slug> [--title "…"]`: creates exercises/<id>/ as a complete,
 * sound exercise (starter fails, solution passes, two wrong variants fail) to rewrite into your own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exerciseIdPattern } from '../course/exercise-folder.ts';
import { lessonSlugPattern } from '../course/exercise-json.ts';
import { exerciseFiles } from './scaffold/exercise-template.ts';
import { exercisesRoot, lessonsRoot } from '../course/paths.ts';
import { ScaffoldError, runScaffold, titleFromSlug, writeNewFiles } from './scaffold/project.ts';

const usage = 'usage: npm run new:exercise -- <id> --lesson <lesson-slug> [--title "Title"]';

runScaffold(() => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    options: { lesson: { type: 'string' }, title: { type: 'string' } },
    allowPositionals: true,
  });
  const [id] = positionals;
  if (id === undefined || positionals.length > 1) throw new ScaffoldError(usage);
  if (!exerciseIdPattern.test(id)) throw new ScaffoldError(`"${id}": expected an exercise id of lower-case words joined by hyphens, like "backoff-jitter"`);
  const lesson = values.lesson;
  if (lesson === undefined || !lessonSlugPattern.test(lesson)) {
    throw new ScaffoldError(`--lesson: expected the slug of the lesson that embeds the exercise, like "05-reliability-and-resiliency"\n${usage}`);
  }
  const written = writeNewFiles(join(exercisesRoot, id), exerciseFiles({ id, lesson, title: values.title ?? titleFromSlug(id) }));
  console.log(`Created exercises/${id}/:\n${written.map((path) => `  ${path}`).join('\n')}`);
  const lessonFile = ['mdx', 'md'].map((ext) => `${lesson}.${ext}`).find((name) => existsSync(join(lessonsRoot, name)));
  console.log(
    lessonFile === undefined
      ? `\nNext: npm run new:lesson -- ${lesson} --primer <sections> --exercise ${id}`
      : `\nNext: add '${id}' to the exercises list in lessons/${lessonFile} and place <Exercise id="${id}" /> where it belongs.`,
  );
  console.log(`Then: npm run check:exercises -- ${id}   (see docs/authoring.md)`);
});
