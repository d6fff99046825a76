import { describe, expect, it } from 'vitest';
import { describeTestsTypeError, describeThrown, plainText } from '../../../src/runner/plain-message.ts';

describe('describing what was thrown', () => {
  it.each([
    [null, 'Your code threw null.'],
    [undefined, 'Your code threw undefined.'],
    ['boom', 'Your code threw the string "boom".'],
    [42, 'Your code threw 42.'],
    [Symbol('s'), 'Your code threw Symbol(s).'],
    [new RangeError('too far'), 'RangeError: too far'],
    [new Error('plain'), 'plain'],
    [{ message: 'shaped like an error' }, 'shaped like an error'],
    [{ toString: () => 'custom text' }, 'Your code threw custom text.'],
  ])('describes %s', (value, expected) => {
    expect(describeThrown(value)).toBe(expected);
  });

  it('survives objects whose getters and toString throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no reading'); } });
    expect(describeThrown(hostile)).toBe('Your code threw an object that cannot be printed.');
  });

  it('explains frozen built-ins', () => {
    expect(describeThrown(new TypeError("Cannot assign to read only property 'is' of function 'Object'"))).toBe(
      "TypeError: Cannot assign to read only property 'is' of function 'Object' (built-in objects are frozen while your code runs)",
    );
  });

  it('strips terminal colours', () => {
    expect(plainText('\u001b[31mexpected\u001b[39m 3')).toBe('expected 3');
    expect(describeThrown(new Error('\u001b[32m4\u001b[39m'))).toBe('4');
  });
});

describe('describing what the tests tripped over, without their (minified) names', () => {
  it.each([
    ['e.call is not a function', 'TypeError: the tests used `call` on a value from your code, but it is not a function.'],
    ['breaker.call is not a function', 'TypeError: the tests used `call` on a value from your code, but it is not a function.'],
    ['t.make(...).step is not a function', 'TypeError: the tests used `step` on a value from your code, but it is not a function.'],
    ['e.Register is not a constructor', 'TypeError: the tests used `Register` on a value from your code, but it is not a constructor.'],
    ['e is not a function', 'TypeError: the tests expected a function from your code, but got something else.'],
    ['e is not iterable', 'TypeError: the tests expected something iterable (like an array) from your code.'],
    [
      "Cannot destructure property 'value' of 'e' as it is undefined.",
      'TypeError: the tests read `value` from a value your code gave them, but it was undefined.',
    ],
  ])('rewrites "%s"', (message, expected) => {
    expect(describeTestsTypeError(new TypeError(message))).toBe(expected);
  });

  it('leaves messages that name no expression to the usual description', () => {
    expect(describeTestsTypeError(new TypeError("Cannot read properties of undefined (reading 'size')"))).toBeUndefined();
  });
});
