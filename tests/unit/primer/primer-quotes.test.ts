import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findPrimerQuotes, primerQuoteBreach } from '../../../src/primer/quotes.ts';
import { primerPath, primerSentenceIndex } from '../../../src/primer/sentences.ts';
import type { PrimerSentenceIndex } from '../../../src/primer/sentences.ts';

const root = resolve(import.meta.dirname, '../../..');
const index = JSON.parse(readFileSync(join(root, 'src/primer/sentence-index.json'), 'utf8')) as PrimerSentenceIndex;
const lessons = readdirSync(join(root, 'lessons'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => ({ name, source: readFileSync(join(root, 'lessons', name), 'utf8') }));

/** The "What the primer gets loose" section of a lesson, or '' when it has none. */
function looseSection(source: string): string {
  const start = source.indexOf('## What the primer gets loose');
  if (start < 0) return '';
  const end = source.indexOf('\n## ', start + 1);
  return source.slice(start, end < 0 ? undefined : end);
}

describe('quotes attributed to the primer', () => {
  test('every <PrimerQuote> in a lesson is a whole sentence of the section it names', () => {
    const quotes = lessons.flatMap(({ name, source }) => findPrimerQuotes(source).map((quote) => ({ name, quote })));
    expect(quotes.length, 'lessons quote the primer through <PrimerQuote>').toBeGreaterThan(10);
    const breaches = quotes.flatMap(({ name, quote }) => {
      const breach = primerQuoteBreach(index, quote);
      return breach === null ? [] : [`lessons/${name} ${breach}`];
    });
    expect(breaches).toEqual([]);
  });

  test('"What the primer gets loose" puts no words in quotation marks except through <PrimerQuote>', () => {
    const loose = lessons.filter(({ source }) => looseSection(source) !== '');
    expect(loose.length, 'lessons with a "What the primer gets loose" section').toBeGreaterThan(10);
    const breaches = loose.flatMap(({ name, source }) => {
      // Each bullet or paragraph that speaks of the primer: its quoted phrases of two words or more.
      const items = looseSection(source).replace(/<PrimerQuote\b[^>]*\/?>/g, '').split(/\n(?=- )|\n\n/);
      return items
        .filter((item) => /primer/i.test(item))
        .flatMap((item) => [...item.matchAll(/["“]([^"“”\n]*)["”]/g)].filter((match) => /\s/.test(match[1]!.trim())))
        .map((match) => `lessons/${name}: ${match[0]}`);
    });
    expect(breaches).toEqual([]);
  });

  test('the check rejects a sentence the primer does not have, and a real one under the wrong section', () => {
    const real = { section: 'S1.2', text: 'Latency refers to the amount of time it takes for a system to respond to a request.', line: 1 };
    expect(primerQuoteBreach(index, real)).toBeNull();
    expect(primerQuoteBreach(index, { ...real, text: 'Throughput refers to the number of actions or results handled at the same time.' })).toMatch(/not a whole sentence/);
    expect(primerQuoteBreach(index, { ...real, section: 'S1.1' })).toMatch(/in section S1\.2 of the primer, not S1\.1/);
    expect(primerQuoteBreach(index, { ...real, text: 'Latency refers to the amount of time' })).toMatch(/not a whole sentence/);
    expect(primerQuoteBreach(index, { ...real, section: '' })).toMatch(/plain string attributes/);
  });

  test('quotes are found with either quote style, and their line numbers are right', () => {
    const mdx = 'one\nThe primer says <PrimerQuote section="S1.2" text="A b." /> and\n<PrimerQuote text=\'It\'s\' section=\'S3\'/>';
    expect(findPrimerQuotes(mdx)).toEqual([
      { section: 'S1.2', text: 'A b.', line: 2 },
      { section: 'S3', text: 'It', line: 3 },
    ]);
  });
});

describe('the primer sentence index', () => {
  const primer = resolve(root, primerPath);
  test.skipIf(!existsSync(primer))('matches the primer beside the project (regenerate with npm run primer:index)', () => {
    expect(primerSentenceIndex(readFileSync(primer, 'utf8'))).toEqual(index);
  });

  test('holds hashes only, never the primer\'s text', () => {
    for (const hashes of Object.values(index.sections)) for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  test('splits sections by heading and sentences by full stop, keeping "e.g." inside its sentence', () => {
    const sample = primerSentenceIndex('# T\n\nIntro one. Intro two.\n\n## A\n\n### B\n\n- **Label** - First (e.g. this). Second\n');
    expect(Object.keys(sample.sections)).toEqual(['S0', 'S1.1']);
    expect(sample.sections['S0']).toHaveLength(2);
    // "Label - First (e.g. this).", "Second", and "First (e.g. this)." without its label.
    expect(sample.sections['S1.1']).toHaveLength(3);
  });
});
