/**
 * Finds `await` at the top level of the learner's file. The module runs as a function body, where V8 refuses
 * it with a syntax error that carries no position; sucrase's tokenizer knows the scope depth of every token,
 * so the compile error can name the line, and say why exercises have no top-level `await`.
 */
import type { CompileError } from './contract.ts';
import type { SourceToken } from './source-tokens.ts';

export const topLevelAwaitMessage =
  'top-level `await` is not available: your code is graded synchronously, so compute values directly (or use `await` inside an async function)';

export function topLevelAwaitErrors(tokens: readonly SourceToken[]): CompileError[] {
  return tokens
    .filter((token) => token.kind === 'await' && token.scopeDepth === 0)
    .map(({ line, column }) => ({ message: topLevelAwaitMessage, line, column }));
}
