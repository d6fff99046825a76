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
import { isLearnerHandle } from './boundary/membrane.ts';
import { arrayPrototype, entriesOfMap, getPrototypeOf, isRealMap, isRealSet, objectPrototype, valuesOfSet } from './boundary/primordials.ts';

// Learners read failure messages whole: show values in full rather than chai's 40-character abbreviation.
chai.config.truncateThreshold = 0;

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/**
 * Values from learner code reach `expect` already copied by the boundary (boundary/membrane.ts): plain data the
 * grader owns. What is left to refuse is learner *behaviour* standing where data belongs — a handle for a
 * learner object with methods or a learner function — since Jest-style equality would ask such a value to
 * judge itself (`asymmetricMatch`, `equals`, `isEqualNode`, …). The walk reads only grader-owned data.
 */
function learnerBehaviourIn(value: unknown): string | undefined {
  const seen = new Set<object>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || seen.has(current)) continue;
    seen.add(current);
    if (isLearnerHandle(current)) {
      if (typeof current === 'function') return 'a function';
      const methods = Object.keys(current).filter((key) => typeof (current as Record<string, unknown>)[key] === 'function');
      return methods.length === 0 ? 'an object with behaviour' : `an object with methods (${methods.slice(0, 3).map((key) => `\`${key}\``).join(', ')})`;
    }
    // Plain data skips the brand checks, which throw for everything that is not a Map or Set.
    const prototype = getPrototypeOf(current);
    const plain = prototype === objectPrototype || prototype === arrayPrototype || prototype === null;
    if (!plain && isRealMap(current)) {
      for (const [key, item] of entriesOfMap(current)) pending.push(key, item);
    } else if (!plain && isRealSet(current)) {
      pending.push(...valuesOfSet(current));
    } else {
      for (const key of Reflect.ownKeys(current)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
        if (descriptor !== undefined && 'value' in descriptor) pending.push(descriptor.value);
      }
    }
  }
  return undefined;
}

function createExpect(): ExpectStatic {
  const expect = ((value: unknown, message?: string) => {
    const behaviour = learnerBehaviourIn(value);
    if (behaviour !== undefined) {
      throw new chai.AssertionError(
        `Your code gave the tests ${behaviour} where they compare plain data${message === undefined ? '' : ` (${message.split('\n').at(-1)})`}. ` +
          'Return plain values: numbers, strings, booleans, null, arrays, plain objects, Maps, Sets and Dates.',
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

const assertionErrorPrototype = chai.AssertionError.prototype;

/**
 * For the runner: tells a failed expectation (the test failed) from anything else thrown (an error). By the
 * prototype chain, read with the engine's own function, not `instanceof`, which consults a hook.
 */
export function isAssertionError(value: unknown): boolean {
  for (let proto = typeof value === 'object' && value !== null ? getPrototypeOf(value) : null; proto !== null; proto = getPrototypeOf(proto)) {
    if (proto === assertionErrorPrototype) return true;
  }
  return false;
}
