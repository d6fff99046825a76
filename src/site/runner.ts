/**
 * The page's one test runner. The runner, its worker and the transpiler load only once an editor is
 * activated (never on page load), and each run gets a fresh worker from the runner.
 */
import type { BrowserRunner } from '../runner/browser/client.ts';
import type { RunResult } from '../runner/contract.ts';

let runner: Promise<BrowserRunner> | undefined;

function loadRunner(): Promise<BrowserRunner> {
  runner ??= import('../runner/browser/client.ts').then(({ createBrowserRunner }) => createBrowserRunner());
  return runner;
}

/** Starts loading the runner and this exercise's hidden tests, so the first Run does not wait for them. */
export function prepareRunner(exerciseId: string): void {
  void loadRunner().then((loaded) => loaded.warm(exerciseId));
}

/** The learner's code as it now stands, for the exercise's spare worker to transpile before the next click. */
export function prepareSource(exerciseId: string, source: string): void {
  void loadRunner().then((loaded) => loaded.prepareSource(exerciseId, source));
}

export async function runExercise(exerciseId: string, source: string, timeLimitMs: number, onlyTest?: string): Promise<RunResult> {
  return (await loadRunner()).run(exerciseId, source, { timeLimitMs, ...(onlyTest === undefined ? {} : { onlyTest }) });
}
