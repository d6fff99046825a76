import { describe, expect, it } from 'vitest';
import { boundResult, resultLimits } from '../../../src/runner/result-limits.ts';
import type { RecordedRun, RunResult, TestResult } from '../../../src/runner/contract.ts';

const run = (summaryChars: number): RecordedRun => ({
  version: 2,
  seed: 1,
  fromMs: 0,
  toMs: 10,
  events: Array.from({ length: 300 }, (_, id) => ({ id, time: id, kind: 'deliver' as const, from: 'A', to: 'B', summary: 'x'.repeat(summaryChars), cause: null })),
  highlight: [299],
  totalEvents: 1000,
});

const failing = (name: string, withRun: RecordedRun): TestResult => ({ name, status: 'fail', message: 'broke', durationMs: 1, seed: 1, run: withRun });

const result = (tests: TestResult[]): RunResult => ({
  exerciseId: 'demo',
  status: 'fail',
  message: '',
  compileErrors: [],
  tests,
  console: ['hello'],
  timings: { transpileMs: 0, testMs: 0 },
});

const runsIn = (bounded: RunResult) => bounded.tests.map((test) => test.run !== undefined);

describe('recorded runs in a bounded result', () => {
  it(`keep the first ${resultLimits.runs} runs and leave the other failures their verdicts`, () => {
    const bounded = boundResult(result(Array.from({ length: 5 }, (_, i) => failing(`t${i}`, run(10)))));
    expect(runsIn(bounded)).toEqual([true, true, true, false, false]);
    expect(bounded.tests.map((test) => test.message)).toEqual(Array(5).fill('broke'));
  });

  it('go before the verdicts when the result is too large: the first run stays if it alone fits', () => {
    const bounded = boundResult(result(Array.from({ length: 3 }, (_, i) => failing(`t${i}`, run(150)))));
    expect(JSON.stringify(bounded).length).toBeLessThanOrEqual(resultLimits.totalChars);
    expect(runsIn(bounded)).toEqual([true, false, false]);
    expect(bounded.console).toEqual(['… output cut: the results were too large to show it.']);
  });
});
