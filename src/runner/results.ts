/** Results that do not come from grading itself: shared by both hosts so they read the same. */
import type { RunResult } from './contract.ts';

export function abortedResult(exerciseId: string, status: 'error' | 'timeout', message: string, testMs = 0): RunResult {
  return {
    exerciseId,
    status,
    message,
    compileErrors: [],
    tests: [],
    console: [],
    timings: { transpileMs: 0, testMs },
  };
}

export function timeoutResult(exerciseId: string, timeLimitMs: number): RunResult {
  const seconds = Math.round(timeLimitMs / 100) / 10;
  return abortedResult(
    exerciseId,
    'timeout',
    `Your code ran for more than ${seconds} s without finishing, so it was stopped. ` +
      'Look for a loop that never ends or a recursion without a base case.',
    timeLimitMs,
  );
}

export function crashedResult(exerciseId: string, reason: string): RunResult {
  return abortedResult(exerciseId, 'error', `The run stopped before it finished: ${reason}`);
}
