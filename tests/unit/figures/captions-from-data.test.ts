/**
 * Every number in a simulated figure's caption comes from the figure's run, computed at build time: a number
 * typed into a caption goes stale the moment the scenario, a seed or the simulator changes. This test reads
 * each lesson's <SimFigure> captions and fails on a digit typed by hand — in a plain caption="…" string, or in
 * the literal text of a caption={`…`} template (its ${…} parts are computed). Digits inside names (c1, R1,
 * M/M/1) are labels; a value the run produced, such as "c3:45" or {A:1}, is a number and must be computed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

export interface CaptionNumbers {
  readonly key: string;
  readonly numbers: readonly string[];
}

/** The numbers typed by hand into each <SimFigure> caption of one lesson. */
export function handTypedCaptionNumbers(lesson: string, mdx: string): CaptionNumbers[] {
  const found: CaptionNumbers[] = [];
  for (const tag of mdx.matchAll(/<SimFigure\b([\s\S]*?)\/>/g)) {
    const body = tag[1] ?? '';
    const figure = /figure=\{([\s\S]*?)\}\s*\n?\s*caption=/.exec(body)?.[1]?.trim() ?? '?';
    const plain = /caption=(?:"([^"]*)"|\{'([^']*)'\}|\{"([^"]*)"\})/.exec(body)?.slice(1).find((text) => text !== undefined);
    const template = /caption=\{`([\s\S]*?)`\}/.exec(body)?.[1];
    const literal = plain ?? (template === undefined ? '' : template.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' '));
    const numbers = [...literal.matchAll(/(?<![\w.]|\w\/)\d+(?:[.,]\d+)*/g)].map((match) => match[0]);
    found.push({ key: `${lesson} › ${figure}`, numbers });
  }
  return found;
}

const lessons = readdirSync(join(root, 'lessons'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ lesson: name.replace(/\.mdx$/, ''), mdx: readFileSync(join(root, 'lessons', name), 'utf8') }));
const captions = lessons.flatMap(({ lesson, mdx }) => handTypedCaptionNumbers(lesson, mdx));

describe('figure captions are computed from their runs', () => {
  test('no caption of a simulated figure has a number typed by hand', () => {
    expect(captions.length, 'simulated figures found in the lessons').toBeGreaterThan(15);
    const typed = captions.filter(({ numbers }) => numbers.length > 0).map(({ key, numbers }) => `${key}: ${numbers.join(', ')}`);
    expect(typed).toEqual([]);
  });

  test('finds digits in plain captions and in the literal text of templates, but not in names or computed parts', () => {
    const mdx = [
      '<SimFigure figure={a()} caption="c1 waits 90 ms at R1 (M/M/1), reads c3:45, then 2.5 s." />',
      '<SimFigure\n  figure={b(x)}\n  caption={`${run.ms} ms over ${n} seeds, 20 of them, ${f({ a: 1 })}`}\n/>',
      '<SimFigure figure={c()} caption={`all ${x} computed`} />',
      "<SimFigure figure={d()} caption={'a string expression, 7 ms'} />",
    ].join('\n');
    expect(handTypedCaptionNumbers('99-x', mdx)).toEqual([
      { key: '99-x › a()', numbers: ['90', '45', '2.5'] },
      { key: '99-x › b(x)', numbers: ['20'] },
      { key: '99-x › c()', numbers: [] },
      { key: '99-x › d()', numbers: ['7'] },
    ]);
  });
});
