/**
 * Bounds a result before it leaves the worker. Learner code chooses much of what a result says (a thrown
 * message, a value printed in a failed `expect`, console output), and a page that receives megabytes of it
 * freezes while it renders; so every string, list and the whole result are capped here, each cut saying so.
 */
import type { RunResult, TestResult } from './contract.ts';

export const resultLimits = {
  /** A message, a property sentence: enough for any real explanation and a printed value. */
  messageChars: 4_000,
  /** A test name or one trace line. */
  lineChars: 400,
  traceLines: 60,
  tests: 200,
  /** The whole result, as JSON. */
  totalChars: 200_000,
} as const;

/** `text`, or as much of it as fits in `max` characters with a note of how much was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = ` … (${(text.length - max).toLocaleString('en')} more characters cut)`;
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

function capList(lines: readonly string[], maxLines: number, maxChars: number): string[] {
  const kept = lines.slice(0, maxLines).map((line) => capText(line, maxChars));
  if (lines.length > maxLines) kept.push(`… ${lines.length - maxLines} more lines cut`);
  return kept;
}

function boundTest(test: TestResult): TestResult {
  return {
    ...test,
    name: capText(test.name, resultLimits.lineChars),
    message: capText(test.message, resultLimits.messageChars),
    ...(test.property === undefined ? {} : { property: capText(test.property, resultLimits.messageChars) }),
    ...(test.trace === undefined ? {} : { trace: capList(test.trace, resultLimits.traceLines, resultLimits.lineChars) }),
  };
}

export function boundResult(result: RunResult): RunResult {
  const bounded: RunResult = {
    ...result,
    message: capText(result.message, resultLimits.messageChars),
    compileErrors: result.compileErrors.slice(0, 20).map((error) => ({ ...error, message: capText(error.message, resultLimits.lineChars) })),
    tests: result.tests.slice(0, resultLimits.tests).map(boundTest),
  };
  // Each part is capped; if they still add up to too much (a chatty console beside many long messages), the
  // console goes first and then the messages shrink, so the verdicts always arrive.
  if (JSON.stringify(bounded).length <= resultLimits.totalChars) return bounded;
  const quiet = { ...bounded, console: ['… output cut: the results were too large to show it.'] };
  if (JSON.stringify(quiet).length <= resultLimits.totalChars) return quiet;
  return {
    ...quiet,
    tests: quiet.tests.map((test) => ({ ...test, message: capText(test.message, 500), trace: test.trace?.slice(0, 10) })),
  };
}
