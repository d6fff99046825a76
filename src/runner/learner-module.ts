/**
 * Evaluates the transpiled learner module. It runs as a strict-mode function body named after the learner's
 * file, so stack frames point into it; `require` is ours and refuses every runtime import.
 */
import { learnerFileName } from './transpile.ts';
import type { LearnerPosition } from './contract.ts';
import { throwSiteMarker } from './throw-sites.ts';
import { isLearnerThrow } from '../testkit/boundary/learner-throw.ts';
import { setThrowSiteSource } from '../testkit/boundary/membrane.ts';

export type LearnerExports = Record<string, unknown>;

function refuseImport(specifier: unknown): never {
  throw new Error(`Exercises run on their own: remove the import of '${String(specifier)}'.`);
}

/** The position of the learner's `throw` statement that ran last (in the learner's own coordinates). */
let lastThrowSite: LearnerPosition | undefined;

function markThrowSite(line: unknown, column: unknown): void {
  // Learner code can call the marker too; only positions can land in the results.
  if (Number.isSafeInteger(line) && Number.isSafeInteger(column) && (line as number) > 0 && (column as number) > 0) {
    lastThrowSite = { line: line as number, column: column as number };
  }
}

/** The engine's own function constructor, taken before the sandbox replaces the global one with a guarded one. */
const compileFunction = Function;

/**
 * Raised when the engine refuses to compile the transpiled module (an early error sucrase lets through, such
 * as a duplicate `let`): a compile error, not something the learner's code did while running.
 */
export class LearnerSyntaxError extends Error {}

function evaluateAsLearnerFile(body: string, exports: LearnerExports): void {
  let moduleFunction: (...args: unknown[]) => unknown;
  try {
    moduleFunction = new compileFunction('exports', 'require', throwSiteMarker, `${body}\n//# sourceURL=${learnerFileName}`) as typeof moduleFunction;
  } catch (error) {
    throw new LearnerSyntaxError(error instanceof SyntaxError ? error.message : String(error));
  }
  Reflect.apply(moduleFunction, undefined, [exports, refuseImport, markThrowSite]);
}

const frameLineStart = '\n    at ';
const framePattern = new RegExp(`${learnerFileName.replace(/[.]/g, '\\.')}:(\\d+):(\\d+)`);

/** How many lines the engine puts before a `new Function` body (V8: two; measured, not assumed). */
const wrapperLineOffset = ((): number => {
  try {
    evaluateAsLearnerFile('throw new Error("where am I")', {});
  } catch (error) {
    const line = generatedFrame(error)?.line;
    if (line !== undefined) return line - 1;
  }
  return 0;
})();

function generatedFrame(error: unknown): LearnerPosition | undefined {
  let stack: unknown;
  try {
    stack = isLearnerThrow(error) ? error.learnerStack : (error as { stack?: unknown } | null)?.stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  const match = framePattern.exec(framesOf(stack));
  if (match === null) return undefined;
  return { line: Number(match[1]), column: Number(match[2]) };
}


/**
 * The frame lines at the end of a stack (sandbox/stack-formatting.ts writes them after the error's header),
 * found from the end: the header holds the message, which learner code may have made megabytes long, and
 * reading it for a position would cost the learner's run more than any test.
 */
function framesOf(stack: string): string {
  let start = stack.length;
  for (;;) {
    const lineStart = stack.lastIndexOf('\n', start - 1);
    if (lineStart < 0 || !stack.startsWith(frameLineStart, lineStart)) return stack.slice(start);
    start = lineStart;
  }
}

/** The innermost frame of the learner's file in a thrown value's stack, as a position in the generated code. */
function learnerFrame(error: unknown): LearnerPosition | undefined {
  const frame = generatedFrame(error);
  if (frame === undefined) return undefined;
  return { line: frame.line - wrapperLineOffset, column: frame.column };
}

// The boundary notes the site when a thrown value crosses, before reading it can run more learner code.
setThrowSiteSource(() => lastThrowSite);

/** Forgets the last throw site; call before each piece of learner code runs. */
export function forgetThrowSite(): void {
  lastThrowSite = undefined;
}

/**
 * Where learner code threw `error`, in the learner's coordinates: from its stack if it has one, else (for
 * thrown non-errors, which carry no stack) the learner's throw statement that ran last.
 */
export function learnerThrowSite(
  error: unknown,
  toLearnerPosition: (generated: LearnerPosition) => LearnerPosition,
): LearnerPosition | undefined {
  const frame = learnerFrame(error);
  if (frame !== undefined) return toLearnerPosition(frame);
  // A thrown null, string or plain object carries no stack: the learner's throw statement that ran last says where.
  if (isLearnerThrow(error)) return error.learnerStack === undefined ? error.throwSite : undefined;
  return error instanceof Error ? undefined : lastThrowSite;
}

export function loadLearnerModule(transpiledCode: string): LearnerExports {
  const exports: LearnerExports = {};
  evaluateAsLearnerFile(transpiledCode, exports);
  return exports;
}
