/**
 * `npm run new:lesson -- <slug> --primer S1.4[,S2] [--exercise <id>] [--title "…"] [--order <n>]`: creates
 * lessons/<slug>.mdx, a lesson that builds, embedding the exercise when one is named.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { lessonSlugPattern } from '../course/exercise-json.ts';
import { lessonSource } from './scaffold/lesson-template.ts';
import { exercisesRoot, lessonsRoot } from '../course/paths.ts';
import { ScaffoldError, runScaffold, titleFromSlug, writeNewFiles } from './scaffold/project.ts';

const usage = 'usage: npm run new:lesson -- <NN-slug> --primer <S1.4,…> [--exercise <id>] [--title "Title"] [--order <n>]';

runScaffold(() => {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    options: { primer: { type: 'string' }, exercise: { type: 'string' }, title: { type: 'string' }, order: { type: 'string' } },
    allowPositionals: true,
  });
  const [slug] = positionals;
  if (slug === undefined || positionals.length > 1) throw new ScaffoldError(usage);
  if (!lessonSlugPattern.test(slug)) throw new ScaffoldError(`"${slug}": expected a lesson slug of two digits and lower-case words, like "16-caching"`);
  const prefix = slug.slice(0, 3);
  const samePrefix = readdirSync(lessonsRoot).find((name) => name.startsWith(prefix));
  if (samePrefix !== undefined) throw new ScaffoldError(`lessons/${samePrefix} already starts with "${prefix}": pick the next free number`);

  const primer = (values.primer ?? '').split(',').map((section) => section.trim()).filter(Boolean);
  if (primer.length === 0) throw new ScaffoldError(`--primer: expected the primer sections the lesson covers, like --primer S1.4 or --primer S4.1,S4.2\n${usage}`);
  const order = values.order === undefined ? Number(slug.slice(0, 2)) : Number(values.order);
  if (!Number.isInteger(order) || order < 1) throw new ScaffoldError(`--order: expected a positive integer, got "${values.order ?? slug.slice(0, 2)}"`);
  const exercise = values.exercise;
  if (exercise !== undefined && !existsSync(join(exercisesRoot, exercise))) {
    throw new ScaffoldError(`--exercise: there is no exercises/${exercise}/; create it first with npm run new:exercise -- ${exercise} --lesson ${slug}`);
  }

  const source = lessonSource({ title: values.title ?? titleFromSlug(slug), order, primer, ...(exercise === undefined ? {} : { exercise }) });
  const [written] = writeNewFiles(lessonsRoot, { [`${slug}.mdx`]: source });
  console.log(`Created ${written}. Preview it with npm run dev at http://localhost:4321/${slug}/`);
  console.log('Then: npm run check:exercises, and see docs/authoring.md');
});
