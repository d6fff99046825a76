/**
 * The learner's tokens, from sucrase's own tokenizer, run once per source and shared by the passes that read
 * tokens (throw sites, dynamic imports, top-level `await`): it tells code from strings and comments, which a
 * text search cannot, and knows each token's scope depth.
 *
 * Sucrase's public API hands tokens out only as a formatted text table, and formatting it took longer than the
 * whole transform (about 15 of a 4 KB solution's 20 ms, on every run). So its parser is imported directly,
 * through package.json `imports` (`#sucrase-parser/*`: the ESM build in the browser, where the transform uses
 * the same modules, and the CommonJS build in Node). The lockfile pins sucrase; tests/unit/runner/transpile.test.ts
 * covers every kind of token read here.
 */
import { parse } from '#sucrase-parser/parser/index.js';
import { TokenType } from '#sucrase-parser/parser/tokenizer/types.js';
import { ContextualKeyword } from '#sucrase-parser/parser/tokenizer/keywords.js';

/** The tokens the passes look for; everything else is `other`. */
export type TokenKind = 'throw' | 'import' | '(' | 'await' | 'other';

export interface SourceToken {
  readonly kind: TokenKind;
  /** 0 at the top level of the file. */
  readonly scopeDepth: number;
  /** Where the token starts, 1-based. */
  readonly line: number;
  readonly column: number;
}

function kindOf(type: number, contextualKeyword: number): TokenKind {
  switch (type) {
    case TokenType._throw: return 'throw';
    case TokenType._import: return 'import';
    case TokenType.parenL: return '(';
    case TokenType.name: return contextualKeyword === ContextualKeyword._await ? 'await' : 'other';
    default: return 'other';
  }
}

/** Every token of `source`, in order. Throws sucrase's syntax error (with its `loc`) for code it cannot read. */
export function tokensOf(source: string): SourceToken[] {
  const { tokens } = parse(source, false, true, false);
  const out: SourceToken[] = [];
  // Tokens come in source order, so one sweep finds each one's line.
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const token of tokens) {
    for (; scanned < token.start; scanned++) {
      if (source.charCodeAt(scanned) === 10) {
        line += 1;
        lineStart = scanned + 1;
      }
    }
    out.push({ kind: kindOf(token.type, token.contextualKeyword), scopeDepth: token.scopeDepth, line, column: token.start - lineStart + 1 });
  }
  return out;
}
