/**
 * Finds the <PrimerQuote section="…" text="…" /> quotes in a lesson's MDX and checks each against the primer's
 * sentence index, so a lesson can never attribute to the primer a sentence it does not contain.
 */
import { sentenceHash } from './sentences.ts';
import type { PrimerSentenceIndex } from './sentences.ts';

export interface PrimerQuote {
  readonly section: string;
  readonly text: string;
  /** 1-based line of the tag in the MDX source. */
  readonly line: number;
}

const tagPattern = /<PrimerQuote\b([^>]*?)\/?>/g;
const attributePattern = /(\w+)=(?:"([^"]*)"|'([^']*)')/g;

/** Every PrimerQuote tag in `mdx`; a tag whose section or text is not a plain string attribute is returned with an empty one. */
export function findPrimerQuotes(mdx: string): PrimerQuote[] {
  const quotes: PrimerQuote[] = [];
  for (const tag of mdx.matchAll(tagPattern)) {
    const attributes = new Map<string, string>();
    for (const attribute of (tag[1] ?? '').matchAll(attributePattern)) attributes.set(attribute[1]!, attribute[2] ?? attribute[3] ?? '');
    const line = mdx.slice(0, tag.index).split('\n').length;
    quotes.push({ section: attributes.get('section') ?? '', text: attributes.get('text') ?? '', line });
  }
  return quotes;
}

/** Why `quote` is not a sentence of the primer's section it names, in one sentence; null when it is. */
export function primerQuoteBreach(index: PrimerSentenceIndex, quote: PrimerQuote): string | null {
  if (quote.section === '' || quote.text === '') return `line ${quote.line}: a <PrimerQuote> needs section="…" and text="…" as plain string attributes.`;
  const hashes = index.sections[quote.section];
  if (hashes === undefined) return `line ${quote.line}: the primer has no sentences in section ${quote.section}.`;
  if (!hashes.includes(sentenceHash(quote.text))) {
    const elsewhere = Object.entries(index.sections).find(([, list]) => list.includes(sentenceHash(quote.text)))?.[0];
    return elsewhere === undefined
      ? `line ${quote.line}: "${quote.text}" is not a whole sentence of the primer; quote one sentence exactly, or paraphrase without quotation marks.`
      : `line ${quote.line}: "${quote.text}" is in section ${elsewhere} of the primer, not ${quote.section}.`;
  }
  return null;
}
