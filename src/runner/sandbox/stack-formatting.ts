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

function headerOf(error: unknown): string {
  try {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const shownName = typeof name === 'string' ? name : 'Error';
    return typeof message === 'string' && message !== '' ? `${shownName}: ${message}` : shownName;
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
