import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/ui.ts';
import { tResults } from '../../../src/i18n/results-ui.ts';
import { summarize } from '../../../src/site/results-view.ts';
import type { RunResult } from '../../../src/runner/contract.ts';

describe('t', () => {
  it('fills every placeholder it is given and leaves unknown ones visible', () => {
    expect(tResults('results.fail', { passed: 2, total: 5 })).toBe('2 of 5 tests passed.');
    expect(tResults('results.fail', { passed: 2 })).toBe('2 of {total} tests passed.');
    expect(t('exercise.hintHeading', { n: 1, total: 3 })).toBe('Hint 1 of 3: {title}');
  });
});

describe('summarize', () => {
  const run = (status: RunResult['status'], testStatuses: Array<'pass' | 'fail'>, message = ''): RunResult => ({
    exerciseId: 'demo',
    status,
    message,
    compileErrors: [],
    console: [],
    timings: { transpileMs: 0, testMs: 0 },
    tests: testStatuses.map((testStatus, i) => ({ name: `test ${i}`, status: testStatus, message: '', durationMs: 0 })),
  });

  it('counts passing tests', () => {
    expect(summarize(run('fail', ['pass', 'fail', 'fail']), 5000)).toBe('1 of 3 tests passed.');
    expect(summarize(run('pass', ['pass', 'pass']), 5000)).toBe('All 2 tests passed. Exercise solved!');
  });

  it('says plainly when the code ran out of time', () => {
    expect(summarize(run('timeout', []), 5000)).toBe('Your code ran longer than 5 s and was stopped. Look for a loop that never ends.');
  });

  it('passes on why a run could not grade', () => {
    expect(summarize(run('error', [], 'Your code does not export backoffDelay.'), 5000)).toBe(
      'The tests could not run. Your code does not export backoffDelay.',
    );
  });
});
