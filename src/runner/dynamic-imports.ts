/**
 * Finds `import(…)` calls in the learner's file. Sucrase would turn them into our `require`, which refuses
 * them, but only inside a promise nobody may be waiting for; saying so at compile time, with the line, is
 * plainer. (`import.meta` and `import type` are other tokens and stay allowed where they were.)
 */
import type { CompileError } from './contract.ts';
import type { SourceToken } from './source-tokens.ts';

export const dynamicImportMessage = 'dynamic `import(…)` is not available, as exercises run on their own';

/** An `import` keyword followed directly by a `(`: comments between them are not tokens. */
export function dynamicImportErrors(tokens: readonly SourceToken[]): CompileError[] {
  return tokens
    .filter((token, i) => token.kind === 'import' && tokens[i + 1]?.kind === '(')
    .map(({ line, column }) => ({ message: dynamicImportMessage, line, column }));
}
