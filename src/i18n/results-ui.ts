/**
 * The strings of the results view (src/site/results-view.ts), which loads with an exercise's first result:
 * kept with it, out of every page's first scripts. Every other string is in ui.ts (the run view's in
 * run-view-ui.ts); the same placeholders, the same `fill`.
 */
import { fill } from './ui.ts';

export const resultsUi = {
  'results.pass': 'All {total} tests passed. Exercise solved!',
  'results.fail': '{passed} of {total} tests passed.',
  'results.error': 'The tests could not run.',
  'results.timeout': 'Your code ran longer than {seconds} s and was stopped. Look for a loop that never ends.',
  'results.compileError': 'Line {line}, column {column}: {message}',
  'results.testPass': 'pass',
  'results.testFail': 'fail',
  'results.testError': 'error',
  'results.seed': 'Seed {seed} replays this failure.',
  'results.property': 'Broken property: {property}',
  'results.location': 'Thrown at line {line}, column {column}.',
  'results.trace': 'Events that led here:',
  'results.console': 'Console output:',
  'results.before': 'After these calls:',
  'results.differenceCaption': 'The smallest generated case where your answer differs',
  'results.columnCall': 'Call',
  'results.columnYours': 'Your answer',
  'results.columnExpected': 'Expected',
  'results.diff': 'How the answers differ (- expected, + yours):',
  'results.seedWithRun': 'This failure is seed {seed}: its run is drawn below, where you can step through it and replay it.',
  'results.showRun': 'Show this run as a diagram',
} as const;

export type ResultsUiKey = keyof typeof resultsUi;

/** Looks up a results string and fills `{name}` placeholders. */
export function tResults(key: ResultsUiKey, values: Record<string, string | number> = {}): string {
  return fill(resultsUi[key], values);
}
