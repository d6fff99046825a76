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

function createExpect(): ExpectStatic {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
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

export const expect: ExpectStatic = createExpect();

// Asymmetric matchers look up "the" expect through this well-known symbol when none is passed to them.
Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });

/** For the runner: tells a failed expectation (the test failed) from anything else thrown (an error). */
export function isAssertionError(value: unknown): boolean {
  return value instanceof chai.AssertionError;
}
