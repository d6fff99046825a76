/**
 * The primer's sentences as normalised hashes, by section. The primer (`../shared/primer/primer.md`, beside the
 * project) carries no licence to copy, so the project keeps only these hashes: enough to check that a sentence a
 * lesson attributes to the primer with <PrimerQuote> is really there, in the section it names, and nothing more.
 *
 * Sections follow the headings: the text under `#` is S0, each `##` is S1, S2, … and each `###` under it S1.1, S1.2, ….
 * A sentence is a line of prose, a list item, or a piece of either ending in `.`, `!` or `?` before a capital
 * letter; a list item labelled `**Label** - text` is also indexed without its label, so a quote may leave it out.
 */
import { createHash } from 'node:crypto';

/** Where the primer lives, relative to the project root (CI checks the project out beside `shared/`). */
export const primerPath = '../shared/primer/primer.md';

export interface PrimerSentenceIndex {
  /** How the hashes were made, so a reader can reproduce one. */
  readonly method: string;
  /** Section id (`S0`, `S1.2`, …) → sorted hashes of its sentences. */
  readonly sections: Readonly<Record<string, readonly string[]>>;
}

export const hashMethod =
  'sha256 (first 16 hex digits) of the sentence with markdown emphasis removed, typographic quotes made straight, ' +
  'whitespace collapsed, lower-cased, trailing punctuation dropped';

/** The form two renderings of one sentence share: emphasis, quote style, case, spacing and the final stop do not matter. */
export function normaliseSentence(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[*_`]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s.:;,!?]+$/, '');
}

export function sentenceHash(text: string): string {
  return createHash('sha256').update(normaliseSentence(text)).digest('hex').slice(0, 16);
}

/** Splits one line of prose into sentences; `e.g.` and `i.e.` are followed by a lower-case word, so they never split. */
function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[.!?])\s+(?=[A-Z"“(*_])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** Section id → the sentences under it, in order. */
export function primerSentences(markdown: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let section = 'S0';
  let major = 0;
  let minor = 0;
  const add = (sentence: string) => {
    if (normaliseSentence(sentence) === '') return;
    const list = sections.get(section) ?? [];
    list.push(sentence);
    sections.set(section, list);
  };
  for (const rawLine of markdown.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || /^-{3,}$/.test(line) || /^# /.test(line)) continue;
    if (line.startsWith('## ')) {
      major += 1;
      minor = 0;
      section = `S${major}`;
      continue;
    }
    if (line.startsWith('### ')) {
      minor += 1;
      section = `S${major}.${minor}`;
      continue;
    }
    const item = line.replace(/^[-*]\s+/, '');
    for (const sentence of splitSentences(item)) add(sentence);
    const labelled = /^\*\*(.+?)\*\*\s*-\s*(.+)$/.exec(item);
    if (labelled?.[2] !== undefined) for (const sentence of splitSentences(labelled[2])) add(sentence);
  }
  return sections;
}

export function primerSentenceIndex(markdown: string): PrimerSentenceIndex {
  const sections: Record<string, string[]> = {};
  for (const [section, sentences] of primerSentences(markdown)) {
    sections[section] = [...new Set(sentences.map(sentenceHash))].sort();
  }
  return { method: hashMethod, sections };
}
