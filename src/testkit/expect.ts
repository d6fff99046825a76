/**
 * `expect` for hidden tests: Jest-style matchers from @vitest/expect on chai, without a test runner.
 * Messages may contain ANSI colour codes when a terminal is detected; the runner strips them.
 */
import {
  chai,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  ASYMMETRIC_MATCHERS_OBJECT,
  getState,
  setState,
} from '@vitest/expect';
import type { ExpectStatic } from '@vitest/expect';

// Learners read failure messages whole: show values in full rather than chai's 40-character abbreviation.
chai.config.truncateThreshold = 0;

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** How far into a value the impostor search looks; learner values in tests are small. */
const IMPOSTOR_SEARCH_LIMIT = 10_000;

/**
 * Jest-style equality trusts any object with an `asymmetricMatch` method to judge itself, so learner code
 * could return `{ asymmetricMatch: () => true }` and pass every `toEqual`. Matchers belong to the tests:
 * refuse such values outright. Only own data properties are followed, so no learner getter runs here.
 */
function findMatcherImpostor(value: unknown): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0 && seen.size < IMPOSTOR_SEARCH_LIMIT) {
    const current = pending.pop();
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || seen.has(current)) continue;
    seen.add(current);
    if ('asymmetricMatch' in current) return true;
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined && 'value' in descriptor) pending.push(descriptor.value);
    }
  }
  return false;
}

function createExpect(): ExpectStatic {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
    if (findMatcherImpostor(value)) {
      throw new chai.AssertionError(
        'Your code returned an object with an `asymmetricMatch` method; matchers belong to the tests, so this value cannot be compared.',
      );
    }
    return chai.expect(value, message);
  }) as ExpectStatic;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect);
  expect.setState = (state) => setState(state, expect);
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName: '',
    },
    expect,
  );
  return expect;
}

/**
 * Jest-style `expect` for hidden tests, as in Vitest: a failed matcher throws, and the test fails with its
 * message. It refuses a value that carries its own `asymmetricMatch`, so learner code cannot return an
 * object that passes every `toEqual`.
 */
export const expect: ExpectStatic = createExpect();

// Asymmetric matchers look up "the" expect through this well-known symbol when none is passed to them.
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });

/** For the runner: tells a failed expectation (the test failed) from anything else thrown (an error). */
export function isAssertionError(value: unknown): boolean {
  return value instanceof chai.AssertionError;
}
