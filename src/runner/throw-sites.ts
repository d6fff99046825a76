/**
 * A thrown `null`, string or plain object carries no stack, so nothing says where it came from. We mark
 * every `throw` statement of the learner's code with a call that records its position just before the
 * thrown expression is evaluated: `throw x` becomes `throw __mark(line, column), x`, which throws the same
 * value. Sucrase's own tokenizer finds the statements, so strings, comments and properties named `throw`
 * are left alone.
 */
import type { LearnerPosition } from './contract.ts';
import type { SourceToken } from './source-tokens.ts';

/** The name the marking function has inside the learner's module. */
export const throwSiteMarker = '__yourCodeThrowsAt';

const keywordLength = 'throw'.length;

export interface InstrumentedSource {
  readonly code: string;
  /** Maps a position in the instrumented code back to the learner's own column. */
  readonly toOriginal: (position: LearnerPosition) => LearnerPosition;
}

/** `tokens` are the tokens of `source` (see source-tokens.ts). */
export function instrumentThrowSites(source: string, tokens: readonly SourceToken[]): InstrumentedSource {
  const sites = tokens.filter((token) => token.kind === 'throw');
  if (sites.length === 0) return { code: source, toOriginal: (position) => position };

  const lines = source.split('\n');
  /** Per line, right to left: the index in the original line where text was inserted, and its length. */
  const insertions = new Map<number, { after: number; length: number }[]>();
  for (const { line, column } of [...sites].reverse()) {
    const text = lines[line - 1] ?? '';
    const at = column - 1 + keywordLength;
    const inserted = ` ${throwSiteMarker}(${line}, ${column}),`;
    lines[line - 1] = text.slice(0, at) + inserted + text.slice(at);
    const onLine = insertions.get(line) ?? [];
    onLine.push({ after: at, length: inserted.length });
    insertions.set(line, onLine);
  }
  const toOriginal = ({ line, column }: LearnerPosition): LearnerPosition => {
    const index = column - 1;
    let shift = 0;
    // Insertions were recorded right to left; walk them left to right, undoing each one left of the position.
    for (const { after, length } of [...(insertions.get(line) ?? [])].reverse()) {
      const start = after + shift;
      if (index < start) break;
      if (index < start + length) return { line, column: after - keywordLength + 1 };
      shift += length;
    }
    return { line, column: index - shift + 1 };
  };
  return { code: lines.join('\n'), toOriginal };
}
