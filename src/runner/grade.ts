/**
 * The grading core, shared by the browser worker and the Node worker so both grade identically. A worker
 * calls `prepareRealm()` once its hidden tests have loaded — before the learner presses Run, so none of it is
 * on the click path — and `grade()` when the code arrives: transpile, load the learner's module, check its
 * exports, run the hidden tests, and describe every outcome in plain words.
 */
import type { RunResult, TestResult } from './contract.ts';
import { transpileLearnerCode } from './transpile.ts';
import type { TranspileResult } from './transpile.ts';
import type { LearnerPosition } from './contract.ts';
import { LearnerSyntaxError, forgetThrowSite, learnerThrowSite, loadLearnerModule } from './learner-module.ts';
import type { LearnerExports } from './learner-module.ts';
import { describeAssertion, describeGraderError, describeThrown, plainText } from './plain-message.ts';
import { installSandbox } from './sandbox/index.ts';
import { boundResult, resultLimits } from './result-limits.ts';
import type { Sandbox } from './sandbox/index.ts';
import { collectTests } from '../testkit/registry.ts';
import type { RegisteredTest, TestSuite } from '../testkit/registry.ts';
import { runInTestContext } from '../testkit/context.ts';
import type { RecordedSeed } from '../testkit/context.ts';
import { isAssertionError } from '../testkit/expect.ts';
import { isPropertyViolation } from '../testkit/violation.ts';
import { recordedRunFor } from '../testkit/recorded-run.ts';
import { exportFromLearner, fromLearnerThrow } from '../testkit/boundary/membrane.ts';
import { isLearnerThrow } from '../testkit/boundary/learner-throw.ts';
import { isBoundaryRefusal } from '../testkit/boundary/refusal.ts';
import type { ExerciseExport } from '../course/exercise-json.ts';

export interface GradeRequest {
  readonly exerciseId: string;
  readonly source: string;
  readonly suite: TestSuite<LearnerExports>;
  /** What the learner's module must export (exercise.json `exports`). */
  readonly exports: readonly ExerciseExport[];
  /**
   * Stop at the first test that does not pass, leaving the rest out of the result. For the mutation runner,
   * which only needs to know whether a mutant is caught; a learner always sees every test.
   */
  readonly stopAtFirstFailure?: boolean;
  /** Run only the test of this name ("Replay this run": the same code, so the same seeds and the same run). */
  readonly onlyTest?: string;
  /**
   * `transpileLearnerCode(source)`, already made: the browser worker transpiles the learner's latest code while
   * they pause, before the click (worker.ts, `prepareSource`).
   */
  readonly transpiled?: TranspileResult;
}

function atPosition(position: LearnerPosition | undefined): string {
  return position === undefined ? '' : ` (line ${position.line}, column ${position.column})`;
}

/**
 * The learner's exports as the tests will see them — each read once and carried across the boundary (a
 * function becomes a handle whose calls cross both ways) — and what is wrong with them, if anything.
 */
function crossExports(exports: LearnerExports, expected: readonly ExerciseExport[]): { exports: LearnerExports; problems: string } {
  const crossed: LearnerExports = Object.create(null) as LearnerExports;
  const problems: string[] = [];
  for (const { name, signature } of expected) {
    let value: unknown;
    try {
      value = exportFromLearner(exports, name);
    } catch (error) {
      problems.push(`Reading the export \`${name}\` threw: ${describeThrown(error)}`);
      continue;
    }
    crossed[name] = value;
    if (value === undefined) {
      problems.push(`Your code must export \`${signature}\`.`);
    } else if (typeof value !== 'function') {
      problems.push(`Your code must export \`${signature}\` as a function, but \`${name}\` is a ${value === null ? 'null' : typeof value}.`);
    }
  }
  return { exports: Object.freeze(crossed), problems: problems.join(' ') };
}

function seedsOf(recorded: readonly RecordedSeed[]): Pick<TestResult, 'seeds'> {
  if (recorded.length === 0) return {};
  return { seeds: recorded.map(({ seed, fingerprints }) => ({ seed, fingerprints: [fingerprints[0], fingerprints[1]] })) };
}

function runTest(
  test: RegisteredTest,
  sandbox: Sandbox,
  toLearnerPosition: (generated: LearnerPosition) => LearnerPosition,
): TestResult {
  sandbox.restartRandomStream();
  forgetThrowSite();
  const started = sandbox.realNow();
  const { outcome, seeds } = runInTestContext(test.body);
  const base = { name: test.name, durationMs: Math.max(0, sandbox.realNow() - started), ...seedsOf(seeds) };

  if (!outcome.threw) {
    const unstable = seeds.find(({ fingerprints }) => fingerprints[0] !== fingerprints[1]);
    if (unstable === undefined) return { ...base, status: 'pass', message: '' };
    return {
      ...base,
      status: 'fail',
      seed: unstable.seed,
      message:
        `Seed ${unstable.seed} ran twice and gave two different runs (fingerprints ${unstable.fingerprints[0]} and ` +
        `${unstable.fingerprints[1]}): a run must depend only on its seed.`,
    };
  }

  const { error } = outcome;
  const site = learnerThrowSite(error, toLearnerPosition);
  const location = site === undefined ? {} : { location: site };
  if (isPropertyViolation(error)) {
    const run = error.run ?? recordedRunFor(seeds, error.seed, error.trace);
    return {
      ...base,
      ...location,
      status: 'fail',
      message: plainText(error.property),
      seed: error.seed,
      property: plainText(error.property),
      trace: error.trace.map((line) => plainText(line, resultLimits.lineChars)),
      ...(run === undefined ? {} : { run }),
      ...(error.difference === undefined ? {} : { difference: error.difference }),
    };
  }
  if (isBoundaryRefusal(error)) return { ...base, status: 'fail', message: error.message };
  if (isAssertionError(error)) return { ...base, ...location, status: 'fail', message: describeAssertion(error) };
  if (isLearnerThrow(error)) return { ...base, ...location, status: 'error', message: plainText(error.description) };
  return { ...base, ...location, status: 'error', message: describeGraderError(error) };
}

/** The exercise's reference solution and hidden tests, for a warm-up run nobody sees. */
export interface WarmUp {
  readonly suite: TestSuite<LearnerExports>;
  readonly solution: string;
  /** What the module must export (exercise.json `exports`): what crosses to the tests. */
  readonly exports: readonly ExerciseExport[];
}

/**
 * A warm-up pass that holds up a host stops starting tests after this long: it only has to reach the hot
 * paths, not finish. The browser's later passes can be interrupted between tests, so they go to the end,
 * leaving every shared run computed (`sharedRuns`).
 */
const warmUpBudgetMs = 500;

/** How many passes the warm-up makes in all: the one `prepareRealm` makes, and `furtherWarmUp`'s. */
const warmUpPasses = 3;

/**
 * One warm-up pass, a test per step: the reference solution is loaded afresh and each hidden test run once,
 * the outcome thrown away. A fresh worker's JIT is cold, and a first pass through an exercise's simulations
 * and checkers costs two to three times a later one. It runs inside the locked realm, as the learner's run
 * will: freezing the intrinsics after warming up would throw most of the compiled code away again.
 */
function* warmUpPass({ suite, solution, exports: suiteExports }: WarmUp, sandbox: Sandbox, budgetMs: number): Generator<void, void, void> {
  const started = sandbox.realNow();
  const transpiled = transpileLearnerCode(solution);
  if (!transpiled.ok) return;
  try {
    const { exports } = crossExports(loadLearnerModule(transpiled.code), suiteExports);
    for (const test of collectTests(suite, exports)) {
      if (sandbox.realNow() - started > budgetMs) break;
      sandbox.restartRandomStream();
      runInTestContext(test.body);
      yield;
    }
  } catch {
    // A warm-up that cannot run only means a colder run; the learner's run reports its own problems.
  } finally {
    forgetThrowSite();
    sandbox.clearConsole();
  }
}

/**
 * Readies this worker's realm for one learner module: locks the realm, then, given the reference solution
 * (the page already holds it: it is no secret), makes the first warm-up pass. Call once per worker, after the
 * harness and the hidden tests have loaded: nothing can be imported afterwards.
 */
export function prepareRealm(warm?: WarmUp): Sandbox {
  const sandbox = installSandbox();
  if (warm !== undefined) for (const _step of warmUpPass(warm, sandbox, warmUpBudgetMs));
  return sandbox;
}

/**
 * The warm-up's later passes, a hidden test per step; each loads the reference solution afresh. The learner's
 * module is new to the tests' code, its classes and objects never seen: code the JIT compiled for the first
 * pass's objects is thrown away and compiled again when the next module's arrive, and after two fresh modules
 * it is compiled for objects of any module. The learner's run then starts where the third pass did (in Node,
 * the first graded run after one pass costs about 1.5–2 times one after three). A host with nothing else to do
 * drains it before grading, each pass within the budget; the browser worker runs a step at a time, without a
 * budget, and stops when the learner's code arrives (`return()` ends the pass in progress and tidies up).
 */
export function* furtherWarmUp(warm: WarmUp, sandbox: Sandbox, { budgetMs = warmUpBudgetMs } = {}): Generator<void, void, void> {
  for (let pass = 1; pass < warmUpPasses; pass++) yield* warmUpPass(warm, sandbox, budgetMs);
}

/** Grades one learner module in a realm `prepareRealm()` locked. The worker is spent afterwards. */
export function grade(request: GradeRequest, sandbox: Sandbox): RunResult {
  return boundResult(gradeUnbounded(request, sandbox));
}

function gradeUnbounded(request: GradeRequest, sandbox: Sandbox): RunResult {
  const transpileStarted = sandbox.realNow();
  const transpiled = request.transpiled ?? transpileLearnerCode(request.source);
  const transpileMs = Math.max(0, sandbox.realNow() - transpileStarted);
  if (!transpiled.ok) {
    const [first] = transpiled.errors;
    return {
      exerciseId: request.exerciseId,
      status: 'error',
      message: `Your code does not compile: ${first?.message ?? 'unknown error'}${atPosition(first)}.`,
      compileErrors: transpiled.errors,
      tests: [],
      console: [],
      timings: { transpileMs, testMs: 0 },
    };
  }

  const testsStarted = sandbox.realNow();
  const finish = (outcome: Pick<RunResult, 'status' | 'message' | 'tests'>): RunResult => ({
    exerciseId: request.exerciseId,
    ...outcome,
    compileErrors: [],
    console: sandbox.consoleLines(),
    timings: { transpileMs, testMs: Math.max(0, sandbox.realNow() - testsStarted) },
  });
  const stopped = (message: string): RunResult => finish({ status: 'error', message, tests: [] });

  let loaded: LearnerExports;
  try {
    loaded = loadLearnerModule(transpiled.code);
  } catch (thrown) {
    if (thrown instanceof LearnerSyntaxError) return stopped(`Your code does not compile: ${thrown.message}.`);
    const error = fromLearnerThrow(thrown);
    const where = atPosition(learnerThrowSite(error, transpiled.toLearnerPosition));
    return stopped(`Your code threw while loading${where}: ${describeThrown(error)}`);
  }
  const { exports, problems } = crossExports(loaded, request.exports);
  if (problems !== '') return stopped(problems);

  let tests: RegisteredTest[];
  try {
    tests = collectTests(request.suite, exports);
  } catch (error) {
    return stopped(`The hidden tests could not start: ${describeThrown(error)}`);
  }
  if (tests.length === 0) return stopped('The hidden tests registered no tests.');
  if (request.onlyTest !== undefined) {
    tests = tests.filter((test) => test.name === request.onlyTest);
    if (tests.length === 0) return stopped(`The hidden tests have no test named "${request.onlyTest}" any more. Press Run tests to run them all.`);
  }

  const results: TestResult[] = [];
  for (const test of tests) {
    const result = runTest(test, sandbox, transpiled.toLearnerPosition);
    results.push(result);
    if (request.stopAtFirstFailure === true && result.status !== 'pass') break;
  }
  const failed = results.filter((result) => result.status !== 'pass').length;
  return finish({
    status: failed === 0 ? 'pass' : 'fail',
    message: failed === 0 ? '' : `${failed} of ${results.length} tests did not pass.`,
    tests: results,
  });
}
