/**
 * Turns the learner's TypeScript into a CommonJS-style function body with sucrase, after refusing dynamic
 * imports (dynamic-imports.ts) and top-level `await` (top-level-await.ts) and marking its throw statements
 * (throw-sites.ts). Sucrase keeps lines but not columns (it drops type annotations), so we
 * keep its source map, and undo the marks, to point errors at the learner's own line and column.
 */
import { transform } from 'sucrase';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CompileError, LearnerPosition } from './contract.ts';
import { instrumentThrowSites } from './throw-sites.ts';
import { dynamicImportErrors } from './dynamic-imports.ts';
import { topLevelAwaitErrors } from './top-level-await.ts';
import { tokensOf } from './source-tokens.ts';

/** The file name learner code runs under; stack frames name it, so it is what learners read. */
export const learnerFileName = 'your-code.ts';

export type TranspileResult =
  | { readonly ok: true; readonly code: string; readonly toLearnerPosition: (generated: LearnerPosition) => LearnerPosition }
  | { readonly ok: false; readonly errors: CompileError[] };

interface SucraseError {
  readonly message: string;
  readonly loc?: { readonly line: number; readonly column: number };
}

function compileErrorFrom(error: unknown): CompileError {
  const { message, loc } = error as SucraseError;
  // Sucrase wraps its words in "Error transforming <file>: … (line:column)"; the position goes in its own fields.
  const words = String(message)
    .replace(/^Error transforming [^:]*: /, '')
    .replace(/\s*\(\d+:\d+\)\s*$/, '');
  // Sucrase's loc is already 1-based in both line and column.
  return { message: words, line: Math.max(1, loc?.line ?? 1), column: Math.max(1, loc?.column ?? 1) };
}

export function transpileLearnerCode(source: string): TranspileResult {
  let tokens;
  try {
    tokens = tokensOf(source);
  } catch (error) {
    return { ok: false, errors: [compileErrorFrom(error)] };
  }
  const shapeErrors = [...dynamicImportErrors(tokens), ...topLevelAwaitErrors(tokens)].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const instrumented = instrumentThrowSites(source, tokens);
  let output;
  try {
    output = transform(instrumented.code, {
      transforms: ['typescript', 'imports'],
      filePath: learnerFileName,
      sourceMapOptions: { compiledFilename: learnerFileName },
      production: true,
    });
  } catch (error) {
    const { message, line, column } = compileErrorFrom(error);
    return { ok: false, errors: [{ message, ...instrumented.toOriginal({ line, column }) }] };
  }
  const map = new TraceMap(output.sourceMap as ConstructorParameters<typeof TraceMap>[0]);
  const toLearnerPosition = (generated: LearnerPosition): LearnerPosition => {
    // Both sides are 1-based for lines; trace-mapping columns are 0-based.
    const original = originalPositionFor(map, { line: generated.line, column: generated.column - 1 });
    if (original.line === null) return instrumented.toOriginal(generated);
    return instrumented.toOriginal({ line: original.line, column: original.column + 1 });
  };
  return { ok: true, code: output.code, toLearnerPosition };
}

