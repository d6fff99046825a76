/**
 * How hidden tests declare themselves. `defineTests` wraps a function that receives the learner's exports
 * and registers tests with `test`/`describe`; the runner calls it once the learner's module has loaded.
 */
export type TestBody = () => void;

export interface RegisteredTest {
  /** The name the learner sees; `describe` blocks prefix it ("group › name"). */
  readonly name: string;
  readonly body: TestBody;
}

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

export function test(name: string, body: TestBody): void {
  const collector = activeCollector('test');
  const fullName = [...collector.prefixes, name].join(nameSeparator);
  if (collector.tests.some((existing) => existing.name === fullName)) {
    throw new Error(`Two tests are named "${fullName}"; test names must be unique.`);
  }
  collector.tests.push({ name: fullName, body });
}

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
