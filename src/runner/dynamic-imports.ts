/**
 * Finds `import(…)` calls in the learner's file. Sucrase would turn them into our `require`, which refuses
 * them, but only inside a promise nobody may be waiting for; saying so at compile time, with the line, is
 * plainer. (`import.meta` and `import type` are other tokens and stay allowed where they were.)
 */
import type { CompileError } from './contract.ts';

// An `import` keyword row followed directly by a `(` row; comments between them are not tokens.
const importCall = /^(\d+):(\d+)-\S+\s+import\s+import\b[^\n]*\n\S+\s+\(\s/gm;

export const dynamicImportMessage = 'dynamic `import(…)` is not available, as exercises run on their own';

export function dynamicImportErrors(tokenTable: string): CompileError[] {
  return [...tokenTable.matchAll(importCall)].map((match) => ({
    message: dynamicImportMessage,
    line: Number(match[1]),
    column: Number(match[2]),
  }));
}
