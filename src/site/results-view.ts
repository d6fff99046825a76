/**
 * Renders a run's results as plain DOM text: learner output and messages are never parsed as HTML.
 * The container is a `role="status"` region, so screen readers announce the summary line.
 */
import type { AnswerDifference, RunResult, TestResult } from '../runner/contract.ts';
import { tResults } from '../i18n/results-ui.ts';
import { element } from './dom.ts';
import { captionedTable } from './captioned-table.ts';

/** A <pre> that may scroll sideways; focusable so keyboard users can scroll it too. */
function scrollableText(className: string, lines: string[]): HTMLPreElement {
  const pre = element('pre', className, lines.join('\n'));
  pre.tabIndex = 0;
  return pre;
}

export function summarize(result: RunResult, timeLimitMs: number): string {
  const total = result.tests.length;
  const passed = result.tests.filter((test) => test.status === 'pass').length;
  switch (result.status) {
    case 'pass':
      return tResults('results.pass', { total });
    case 'fail':
      return tResults('results.fail', { passed, total });
    case 'timeout':
      return tResults('results.timeout', { seconds: timeLimitMs / 1000 });
    case 'error':
      return result.message ? `${tResults('results.error')} ${result.message}` : tResults('results.error');
  }
}

const DIFF_SIGNS = { same: ' ', yours: '+', expected: '-' } as const;

/**
 * A generated case that failed, as a table: the call, your answer, the expected one; the calls before it,
 * the judge's reason where there is one, a diff of structured answers, and how the case was found.
 */
function renderDifference(difference: AnswerDifference): Node[] {
  const parts: Node[] = [];
  if (difference.before.length > 0) parts.push(element('p', 'sdl-test__detail', tResults('results.before')), scrollableText('sdl-test__trace', difference.before));
  const wrap = element('div', 'sdl-test__difference');
  wrap.tabIndex = 0;
  const { table, body } = captionedTable('', tResults('results.differenceCaption'), [
    tResults('results.columnCall'),
    tResults('results.columnYours'),
    tResults('results.columnExpected'),
  ]);
  const row = element('tr', '');
  for (const text of [difference.call, difference.yours, difference.expected]) {
    const cell = element('td', '');
    cell.append(element('code', '', text));
    row.append(cell);
  }
  body.append(row);
  wrap.append(table);
  parts.push(wrap);
  if (difference.why !== undefined) parts.push(element('p', 'sdl-test__message', difference.why));
  if (difference.diff !== undefined) {
    parts.push(element('p', 'sdl-test__detail', tResults('results.diff')));
    const pre = element('pre', 'sdl-test__trace sdl-test__diff');
    pre.tabIndex = 0;
    for (const line of difference.diff) pre.append(element('span', `sdl-diff--${line.kind}`, `${DIFF_SIGNS[line.kind]} ${line.text}\n`));
    parts.push(pre);
  }
  parts.push(element('p', 'sdl-test__detail', difference.found));
  return parts;
}

export interface ResultsActions {
  /** Shows a test's recorded run (the run view); offered on every test that carries one. */
  showRun(test: TestResult): void;
}

function renderTest(test: TestResult, actions: ResultsActions | undefined): HTMLLIElement {
  const item = element('li', `sdl-test sdl-test--${test.status}`);
  const title = element('p', 'sdl-test__title');
  const statusKey = test.status === 'pass' ? 'results.testPass' : test.status === 'fail' ? 'results.testFail' : 'results.testError';
  title.append(element('span', 'sdl-test__status', tResults(statusKey)), element('span', 'sdl-test__name', test.name));
  item.append(title);
  if (test.difference !== undefined) {
    // The table says what the message would: the call and both answers, once.
    item.append(...renderDifference(test.difference));
    return item;
  }
  // A simulation failure's message is its property sentence: said once, with the seed once beside it.
  if (test.message) item.append(element('p', 'sdl-test__message', test.message));
  if (test.property && test.property !== test.message) item.append(element('p', 'sdl-test__detail', tResults('results.property', { property: test.property })));
  if (test.location) item.append(element('p', 'sdl-test__detail', tResults('results.location', test.location)));
  if (test.run !== undefined && actions !== undefined) {
    item.append(element('p', 'sdl-test__detail', tResults('results.seedWithRun', { seed: test.run.seed })));
    // The story as lines stays beside the diagram: it is the short version, and lines in the test's own
    // words carry evidence the diagram does not.
    if (test.trace && test.trace.length > 0) item.append(element('p', 'sdl-test__detail', tResults('results.trace')), scrollableText('sdl-test__trace', test.trace));
    const show = element('button', 'sdl-button sdl-button--quiet sdl-test__show-run', tResults('results.showRun'));
    show.type = 'button';
    show.addEventListener('click', () => actions.showRun(test));
    item.append(show);
    return item;
  }
  if (test.seed !== undefined) item.append(element('p', 'sdl-test__detail', tResults('results.seed', { seed: test.seed })));
  if (test.trace && test.trace.length > 0) {
    item.append(element('p', 'sdl-test__detail', tResults('results.trace')));
    item.append(scrollableText('sdl-test__trace', test.trace));
  }
  return item;
}

export function renderResults(container: HTMLElement, result: RunResult, timeLimitMs: number, actions?: ResultsActions): void {
  const parts: Node[] = [element('p', `sdl-results__summary sdl-results__summary--${result.status}`, summarize(result, timeLimitMs))];
  if (result.compileErrors.length > 0) {
    const list = element('ul', 'sdl-results__compile-errors');
    for (const error of result.compileErrors) list.append(element('li', '', tResults('results.compileError', error)));
    parts.push(list);
  }
  if (result.tests.length > 0) {
    const list = element('ul', 'sdl-results__tests');
    list.append(...result.tests.map((test) => renderTest(test, actions)));
    parts.push(list);
  }
  if (result.console.length > 0) {
    parts.push(element('p', 'sdl-test__detail', tResults('results.console')), scrollableText('sdl-results__console', result.console));
  }
  container.replaceChildren(...parts);
}
