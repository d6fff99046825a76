/**
 * V8 calls `Error.prepareStackTrace` to format every stack, learner code's and the grader's alike. Ours keeps
 * only the frames of the learner's own file, so a stack that learner code reads says nothing about which test
 * called it (a learner cannot write code that behaves one way under one test and another way elsewhere), and
 * the runner still finds the learner's line in it. It is installed read-only: learner code cannot choose what
 * a stack says.
 */
import { learnerFileName } from '../transpile.ts';

interface CallSite {
  /** For code compiled from a string, the name its `//# sourceURL` comment gives (the learner's file). */
  getScriptNameOrSourceURL(): string | null | undefined;
  getFunctionName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

/**
 * How much of the message a stack repeats. The message itself stays whole on the error; a stack is for finding
 * lines, and one that copied a megabyte message would cost every reader of it (the runner looks for the
 * learner's line in each failure's stack) the time to copy it again.
 */
const messageCharsInStack = 1_000;

function headerOf(error: unknown): string {
  try {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const shownName = typeof name === 'string' ? name.slice(0, messageCharsInStack) : 'Error';
    if (typeof message !== 'string' || message === '') return shownName;
    return `${shownName}: ${message.length <= messageCharsInStack ? message : `${message.slice(0, messageCharsInStack)}…`}`;
  } catch {
    return 'Error';
  }
}

function learnerFramesOnly(error: unknown, callSites: readonly CallSite[]): string {
  const lines = [headerOf(error)];
  for (const site of callSites) {
    if (site.getScriptNameOrSourceURL() !== learnerFileName) continue;
    const where = `${learnerFileName}:${site.getLineNumber() ?? 0}:${site.getColumnNumber() ?? 0}`;
    const name = site.getFunctionName();
    lines.push(name === null || name === '' ? `    at ${where}` : `    at ${name} (${where})`);
  }
  return lines.join('\n');
}

export function formatStacksForLearners(global: typeof globalThis): void {
  Object.defineProperty(global.Error, 'prepareStackTrace', { value: learnerFramesOnly, writable: false, configurable: false });
}
