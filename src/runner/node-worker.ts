/**
 * The Node grading worker: one run per worker. It loads the hidden tests, then grades with the shared core.
 * Results go out on a private port handed over in workerData, through functions captured before learner
 * code runs, so learner code cannot post a result of its own.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort as NodeMessagePort } from 'node:worker_threads';
import { grade, prepareRealm } from './grade.ts';
import { abortedResult } from './results.ts';
import { isTestSuite } from '../testkit/registry.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './node-protocol.ts';

const received = workerData as Omit<NodeWorkerData, 'port'> & { port?: NodeMessagePort };
const { exerciseId, testsUrl, source, exports, warmUpSolution, port } = received as Required<typeof received> & Pick<NodeWorkerData, 'warmUpSolution'>;
const post = port.postMessage.bind(port) as (message: NodeWorkerMessage) => void;
const closePort = port.close.bind(port);
// Every module sees the same `workerData` (through `process.getBuiltinModule('node:worker_threads')`):
// the port must not stay in it.
delete received.port;

const testsModule = (await import(testsUrl)) as { default?: unknown };
const suite = testsModule.default;
// `process` reaches the rest of Node (files, child processes, worker_threads); nothing of ours needs it from
// here on, so learner code does not get it.
Reflect.deleteProperty(globalThis, 'process');
if (isTestSuite(suite)) {
  const sandbox = prepareRealm(warmUpSolution === undefined ? undefined : { suite, solution: warmUpSolution });
  post({ kind: 'ready' });
  post({ kind: 'result', result: grade({ exerciseId, source, suite, exports }, sandbox) });
} else {
  post({
    kind: 'result',
    result: abortedResult(exerciseId, 'error', 'The hidden tests (tests.ts) must `export default defineTests(…)`.'),
  });
}
closePort();
