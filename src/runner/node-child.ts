/**
 * The Node grading process: one run per process. It waits for what to grade, loads the hidden tests, then
 * grades with the shared core. The result goes out on the IPC channel through a function captured before
 * learner code runs; `process` then leaves the global scope, so learner code can neither post a result of its
 * own nor reach the rest of Node (files, child processes, the network).
 */
import { furtherWarmUp, grade, prepareRealm } from './grade.ts';
import { abortedResult } from './results.ts';
import { isTestSuite } from '../testkit/registry.ts';
import type { NodeChildMessage, NodeGradeRequest } from './node-protocol.ts';

const send = process.send?.bind(process);
if (send === undefined) throw new Error('node-child.ts runs as a child process of runInNode(), with an IPC channel.');
const post = (message: NodeChildMessage): void => void send(message);

const request = await new Promise<NodeGradeRequest>((settle) => process.once('message', (message) => settle(message as NodeGradeRequest)));
// Nothing more comes in; an open channel would also keep the process alive after the result.
process.channel?.unref();
const { exerciseId, testsUrl, source, exports, warmUpSolution } = request;

const testsModule = (await import(testsUrl)) as { default?: unknown };
const suite = testsModule.default;
Reflect.deleteProperty(globalThis, 'process');
if (isTestSuite(suite)) {
  const warm = warmUpSolution === undefined ? undefined : { suite, solution: warmUpSolution, exports };
  const sandbox = prepareRealm(warm);
  if (warm !== undefined) for (const _step of furtherWarmUp(warm, sandbox));
  post({ kind: 'ready' });
  post({ kind: 'result', result: grade({ exerciseId, source, suite, exports }, sandbox) });
} else {
  post({ kind: 'result', result: abortedResult(exerciseId, 'error', 'The hidden tests (tests.ts) must `export default defineTests(…)`.') });
}
