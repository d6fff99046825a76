/**
 * Finds `await` at the top level of the learner's file. The module runs as a function body, where V8 refuses
 * it with a syntax error that carries no position; sucrase's tokenizer knows the scope depth of every token,
 * so the compile error can name the line, and say why exercises have no top-level `await`.
 */
import type { CompileError } from './contract.ts';

// An `await` contextual keyword (sucrase's code 7) at scope depth 0.
const topLevelAwait = /^(\d+):(\d+)-\S+\s+name\s+await\s+7\s+0\s/gm;

export const topLevelAwaitMessage =
  'top-level `await` is not available: your code is graded synchronously, so compute values directly (or use `await` inside an async function)';

export function topLevelAwaitErrors(tokenTable: string): CompileError[] {
  return [...tokenTable.matchAll(topLevelAwait)].map((match) => ({
    message: topLevelAwaitMessage,
    line: Number(match[1]),
    column: Number(match[2]),
  }));
}
