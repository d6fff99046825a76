/**
 * The mutation runner's grading process: like the Node host's child (src/runner/node-child.ts), but it grades
 * module after module in one sealed, warmed-up realm. Only for trusted code — the mutants of an exercise's own
 * reference solution — which is what makes reusing the realm sound: a learner's module gets a fresh process,
 * so nothing one run leaves behind can reach the next. Each module is still transpiled, loaded and graded by
 * the same `grade()` a learner's code goes through.
 */
import { grade, prepareRealm } from '../runner/grade.ts';
import type { Sandbox } from '../runner/sandbox/index.ts';
import { isTestSuite } from '../testkit/registry.ts';
import type { TestSuite } from '../testkit/registry.ts';
import type { LearnerExports } from '../runner/learner-module.ts';
import type { WarmGraderMessage, WarmGraderRequest } from './protocol.ts';

const send = process.send?.bind(process);
if (send === undefined) throw new Error('grading-child.ts runs as a child process of WarmGrader, with an IPC channel.');
const post = (message: WarmGraderMessage): void => void send(message);

const setup = await new Promise<WarmGraderRequest>((settle) => process.once('message', (message) => settle(message as WarmGraderRequest)));
if (setup.kind !== 'setup') throw new Error('grading-child.ts expects its setup message first.');
const { exerciseId, testsUrl, exports, warmUpSolution } = setup;
const suite: unknown = ((await import(testsUrl)) as { default?: unknown }).default;
if (!isTestSuite(suite)) throw new Error(`${testsUrl} must \`export default defineTests(…)\`.`);

let sandbox: Sandbox | undefined;
process.on('message', (message: WarmGraderRequest) => {
  if (message.kind !== 'grade' || sandbox === undefined) return;
  sandbox.clearConsole();
  post({ kind: 'result', result: grade({ exerciseId, source: message.source, stopAtFirstFailure: message.stopAtFirstFailure, suite: suite as TestSuite<LearnerExports>, exports }, sandbox) });
});
Reflect.deleteProperty(globalThis, 'process');
sandbox = prepareRealm({ suite, solution: warmUpSolution, exports });
post({ kind: 'ready' });
