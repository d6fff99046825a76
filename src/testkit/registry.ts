/**
 * How hidden tests declare themselves. `defineTests` wraps a function that receives the learner's exports
 * and registers tests with `test`/`describe`; the runner calls it once the learner's module has loaded.
 */
/**
 * The body of one test. Synchronous: it passes by returning and fails by throwing (a failed `expect`, a
 * `PropertyViolation`).
 */
export type TestBody = () => void;

export interface RegisteredTest {
  /** The name the learner sees; `describe` blocks prefix it ("group › name"). */
  readonly name: string;
  readonly body: TestBody;
}

/**
 * What `defineTests` returns and a hidden-test file exports as its default; the runner registers its
 * tests against the learner's exports.
 */
export interface TestSuite<Learner> {
  readonly kind: 'testkit-suite';
  // Method syntax on purpose: a suite typed for one exercise's exports is still a suite the runner can hold.
  register(learner: Learner): void;
}

const nameSeparator = ' › ';

interface Collector {
  readonly tests: RegisteredTest[];
  readonly prefixes: string[];
}

let collecting: Collector | null = null;

/**
 * Declares a hidden-test file: `export default defineTests<typeof Solution>((learner) => { … })`. The
 * callback receives the learner's exports and registers tests with `test` and `describe`; it runs once per
 * grading, after the learner's module has loaded.
 */
export function defineTests<Learner>(register: (learner: Learner) => void): TestSuite<Learner> {
  return { kind: 'testkit-suite', register };
}

export function isTestSuite(value: unknown): value is TestSuite<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'testkit-suite' &&
    typeof (value as { register?: unknown }).register === 'function'
  );
}

function activeCollector(caller: string): Collector {
  if (collecting === null) throw new Error(`${caller}() must be called inside defineTests(…).`);
  return collecting;
}

/**
 * Registers a test; its name, prefixed by any enclosing `describe` names ("group › name"), is what the
 * learner sees and what `exercise.json` lists. Throws outside a `defineTests` callback, or when another
 * test already has that name.
 */
export function test(name: string, body: TestBody): void {
  const collector = activeCollector('test');
  const fullName = [...collector.prefixes, name].join(nameSeparator);
  if (collector.tests.some((existing) => existing.name === fullName)) {
    throw new Error(`Two tests are named "${fullName}"; test names must be unique.`);
  }
  collector.tests.push({ name: fullName, body });
}

/**
 * Groups the tests that `body` registers under `name`, so their names read "name › test". Throws outside
 * a `defineTests` callback.
 */
export function describe(name: string, body: () => void): void {
  const collector = activeCollector('describe');
  collector.prefixes.push(name);
  try {
    body();
  } finally {
    collector.prefixes.pop();
  }
}

/** For the runner: registers the suite's tests against the learner's exports, in declaration order. */
export function collectTests<Learner>(suite: TestSuite<Learner>, learner: Learner): RegisteredTest[] {
  if (collecting !== null) throw new Error('collectTests() cannot be nested.');
  const collector: Collector = { tests: [], prefixes: [] };
  collecting = collector;
  try {
    suite.register(learner);
  } finally {
    collecting = null;
  }
  return collector.tests;
}
