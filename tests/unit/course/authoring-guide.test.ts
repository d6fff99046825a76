import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lessonFields } from '../../../src/course/lesson-frontmatter.ts';
import { exerciseMeta } from '../../../src/course/exercise-json.ts';
import { testkitReference } from './testkit-api.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const guidePath = join(repoRoot, 'docs/authoring.md');
const start = '<!-- testkit-reference:start -->';
const end = '<!-- testkit-reference:end -->';

const guide = (): string => readFileSync(guidePath, 'utf8');

/** The rows of the markdown table that follows `heading`, by their first cell. */
function tableFieldsAfter(text: string, heading: string): string[] {
  const after = text.slice(text.indexOf(heading));
  const table = after.slice(after.indexOf('\n|')).split('\n\n')[0]!;
  return table
    .split('\n')
    .slice(3)
    .map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1])
    .filter((field): field is string => field !== undefined);
}

describe('the authoring guide', () => {
  it('lists every export of the testkit, as generated from its source', () => {
    const text = guide();
    const generated = `${start}\n${testkitReference(repoRoot)}${end}`;
    const current = text.slice(text.indexOf(start), text.indexOf(end) + end.length);
    if (process.env['UPDATE_AUTHORING_DOCS'] === '1') writeFileSync(guidePath, text.replace(current, generated));
    const written = guide();
    expect(
      written.slice(written.indexOf(start), written.indexOf(end) + end.length),
      'docs/authoring.md lists other testkit exports than src/testkit/index.ts has: regenerate it with UPDATE_AUTHORING_DOCS=1 (see the guide)',
    ).toBe(generated);
  });

  it('documents every lesson frontmatter field and every exercise.json field', () => {
    const text = guide();
    const lessonOwnFields = Object.keys(lessonFields(() => undefined).shape);
    expect(tableFieldsAfter(text, '### Frontmatter')).toEqual(['title', ...lessonOwnFields]);
    expect(tableFieldsAfter(text, '### `exercise.json`')).toEqual(Object.keys(exerciseMeta.shape));
  });

  it('names the page kinds the schema knows', () => {
    const kinds = (lessonFields(() => undefined).shape.kind.unwrap() as z.ZodEnum).options;
    for (const kind of kinds) expect(guide()).toContain(`\`${kind}\``);
  });

  it('links only to files that exist', () => {
    const links = [...guide().matchAll(/\]\((\.\.\/[^)#\s]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(0);
    const broken = links.filter((link) => !existsSync(join(repoRoot, 'docs', link)));
    expect(broken).toEqual([]);
  });
});
