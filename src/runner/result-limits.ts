/**
 * Bounds a result before it leaves the worker. Learner code chooses much of what a result says (a thrown
 * message, a value printed in a failed `expect`, console output), and a page that receives megabytes of it
 * freezes while it renders; so every string, list and the whole result are capped here, each cut saying so.
 */
import type { AnswerDifference, RunResult, TestResult } from './contract.ts';

export const resultLimits = {
  /** A message, a property sentence: enough for any real explanation and a printed value. */
  messageChars: 4_000,
  /** A test name or one trace line. */
  lineChars: 400,
  traceLines: 60,
  tests: 200,
  /** Tests whose failing run is sent to be drawn: the first ones; the rest keep their trace lines. */
  runs: 3,
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

function boundDifference(difference: AnswerDifference): AnswerDifference {
  const { lineChars, messageChars, traceLines } = resultLimits;
  return {
    before: capList(difference.before, traceLines, lineChars),
    call: capText(difference.call, messageChars),
    yours: capText(difference.yours, messageChars),
    expected: capText(difference.expected, messageChars),
    ...(difference.why === undefined ? {} : { why: capText(difference.why, messageChars) }),
    ...(difference.diff === undefined ? {} : { diff: difference.diff.slice(0, traceLines).map((line) => ({ kind: line.kind, text: capText(line.text, lineChars) })) }),
    found: capText(difference.found, lineChars),
  };
}

function boundTest(test: TestResult): TestResult {
  return {
    ...test,
    name: capText(test.name, resultLimits.lineChars),
    message: capText(test.message, resultLimits.messageChars),
    ...(test.property === undefined ? {} : { property: capText(test.property, resultLimits.messageChars) }),
    ...(test.trace === undefined ? {} : { trace: capList(test.trace, resultLimits.traceLines, resultLimits.lineChars) }),
    ...(test.difference === undefined ? {} : { difference: boundDifference(test.difference) }),
  };
}

/** The tests with at most `keep` recorded runs, the first ones. */
function keepRuns(tests: readonly TestResult[], keep: number): TestResult[] {
  let kept = 0;
  return tests.map((test) => {
    if (test.run === undefined) return test;
    if (kept++ < keep) return test;
    const { run: _dropped, ...rest } = test;
    return rest;
  });
}

export function boundResult(result: RunResult): RunResult {
  const bounded: RunResult = {
    ...result,
    message: capText(result.message, resultLimits.messageChars),
    compileErrors: result.compileErrors.slice(0, 20).map((error) => ({ ...error, message: capText(error.message, resultLimits.lineChars) })),
    tests: keepRuns(result.tests.slice(0, resultLimits.tests).map(boundTest), resultLimits.runs),
  };
  // Each part is capped; if they still add up to too much (a chatty console beside many long messages), the
  // console goes first, then the recorded runs but the first, then every run, and then the messages shrink,
  // so the verdicts always arrive.
  const fits = (candidate: RunResult) => JSON.stringify(candidate).length <= resultLimits.totalChars;
  if (fits(bounded)) return bounded;
  const quiet = { ...bounded, console: ['… output cut: the results were too large to show it.'] };
  if (fits(quiet)) return quiet;
  for (const keep of [1, 0]) {
    const fewerRuns = { ...quiet, tests: keepRuns(quiet.tests, keep) };
    if (fits(fewerRuns)) return fewerRuns;
  }
  return {
    ...quiet,
    tests: keepRuns(quiet.tests, 0).map((test) => ({ ...test, message: capText(test.message, 500), trace: test.trace?.slice(0, 10) })),
  };
}
