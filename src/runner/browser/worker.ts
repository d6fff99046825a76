/// <reference types="vite/client" />
/**
 * The browser grading worker: one run per worker. Exercises' hidden tests load lazily by id (one chunk
 * each). comlink talks over a private MessagePort handed over in the first message, through an endpoint
 * whose methods were captured before learner code runs, so learner code can neither reach the result
 * channel nor post a result of its own.
 */
import { expose } from 'comlink';
import type { Endpoint } from 'comlink';
import { furtherWarmUp, grade, prepareRealm } from '../grade.ts';
import { transpileLearnerCode } from '../transpile.ts';
import type { TranspileResult } from '../transpile.ts';
import type { Sandbox } from '../sandbox/index.ts';
import { abortedResult } from '../results.ts';
import { defaultTimeLimitMs } from '../../course/exercise-json-defaults.ts';
import { describeThrown } from '../plain-message.ts';
import { isTestSuite } from '../../testkit/registry.ts';
import type { TestSuite } from '../../testkit/registry.ts';
import type { LearnerExports } from '../learner-module.ts';
import type { ExerciseMetaInput } from '../../course/exercise-json.ts';
import { connectMessage, offlineReason } from './protocol.ts';
import type { GraderApi, Preparation } from './protocol.ts';

const hiddenTests = import.meta.glob<{ default?: unknown }>('../../../exercises/*/tests.ts');
/** Reference solutions, for the warm-up run (see `prepareRealm`); the page holds them already. */
const solutions = import.meta.glob<string>('../../../exercises/*/solution.ts', { query: '?raw', import: 'default' });
const exerciseMetas = import.meta.glob<ExerciseMetaInput>('../../../exercises/*/exercise.json', {
  eager: true,
  import: 'default',
});

const exerciseFile = (exerciseId: string, file: string): string => `../../../exercises/${exerciseId}/${file}`;

interface PreparedExercise {
  readonly exerciseId: string;
  readonly meta: ExerciseMetaInput;
  readonly suite: TestSuite<LearnerExports>;
  readonly sandbox: Sandbox;
}

let prepared: PreparedExercise | null = null;

/** The learner's latest code and what transpiling it gave, made while they paused (`prepareSource`). */
let transpiledAhead: { readonly source: string; readonly result: TranspileResult } | null = null;

/** The warm-up's later passes while they run, a test per task, until the learner's code arrives. */
let warming: Generator<void, void, void> | null = null;

// Captured before the realm is locked, which takes timers away from learner code.
const setTimeoutBeforeLock = setTimeout;

function keepWarming(): void {
  if (warming === null) return;
  if (warming.next().done === true) warming = null;
  else setTimeoutBeforeLock(keepWarming, 0);
}

const api: GraderApi = {
  async prepare(exerciseId: string): Promise<Preparation> {
    // The realm is locked once its tests are in; nothing more can be loaded into it. The client asks once.
    if (prepared !== null) return { ok: false, problem: `This grading worker already holds the tests of "${prepared.exerciseId}".` };
    const meta = exerciseMetas[exerciseFile(exerciseId, 'exercise.json')];
    const loadTests = hiddenTests[exerciseFile(exerciseId, 'tests.ts')];
    if (meta === undefined || loadTests === undefined) return { ok: false, problem: `There is no exercise called "${exerciseId}".` };
    const loadSolution = solutions[exerciseFile(exerciseId, 'solution.ts')];
    // Without its solution an exercise is graded all the same, only colder.
    const solution = loadSolution?.().catch(() => undefined);
    let suite: unknown;
    try {
      suite = (await loadTests()).default;
    } catch (error) {
      if (!navigator.onLine) return { ok: false, problem: `The tests of "${exerciseId}" could not be loaded: ${offlineReason}` };
      return { ok: false, problem: `The tests of "${exerciseId}" could not be loaded: ${describeThrown(error)}` };
    }
    if (!isTestSuite(suite)) return { ok: false, problem: `The hidden tests of "${exerciseId}" must \`export default defineTests(…)\`.` };
    const solutionSource = await solution;
    const warm = solutionSource === undefined ? undefined : { suite, solution: solutionSource, exports: meta.exports };
    prepared = { exerciseId, meta, suite, sandbox: prepareRealm(warm) };
    // Ready now; the later passes run between tasks, so a click never waits for more than one hidden test.
    if (warm !== undefined) {
      warming = furtherWarmUp(warm, prepared.sandbox, { budgetMs: Number.POSITIVE_INFINITY });
      setTimeoutBeforeLock(keepWarming, 0);
    }
    return { ok: true, timeLimitMs: meta.timeLimitMs ?? defaultTimeLimitMs };
  },

  prepareSource(source: string) {
    if (prepared === null || typeof source !== 'string' || transpiledAhead?.source === source) return;
    transpiledAhead = { source, result: transpileLearnerCode(source) };
  },

  grade(source: string, onlyTest?: string) {
    if (prepared === null) return abortedResult('', 'error', 'No exercise was prepared before grading.');
    const { exerciseId, meta, suite, sandbox } = prepared;
    warming?.return();
    warming = null;
    // Transpiled ahead only if it is this very source; any other is transpiled now.
    const transpiled = transpiledAhead?.source === source ? transpiledAhead.result : undefined;
    transpiledAhead = null;
    return grade(
      {
        exerciseId,
        source,
        suite,
        exports: meta.exports,
        ...(typeof onlyTest === 'string' ? { onlyTest } : {}),
        ...(transpiled === undefined ? {} : { transpiled }),
      },
      sandbox,
    );
  },
};

/** An endpoint over `port` whose methods were captured now, before any learner code can replace them. */
function privateEndpoint(port: MessagePort): Endpoint {
  const apply = Reflect.apply;
  const { postMessage, start } = MessagePort.prototype;
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => apply(postMessage, port, [message, transfer ?? []]),
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => apply(addEventListener, port, [type, listener]),
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) =>
      apply(removeEventListener, port, [type, listener]),
    start: () => apply(start, port, []),
  };
}

function connect(event: MessageEvent): void {
  const [port] = event.ports;
  if (event.data !== connectMessage || port === undefined) return;
  self.removeEventListener('message', connect);
  expose(api, privateEndpoint(port));
}

self.addEventListener('message', connect);
