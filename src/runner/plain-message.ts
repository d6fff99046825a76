/**
 * Turns anything learner code (or a matcher) threw into one plain sentence. Thrown values can be anything,
 * including objects whose getters or toString throw, so every read is guarded.
 */
import { copyThrown, isLearnerThrow } from '../testkit/boundary/learner-throw.ts';
import { capText, resultLimits } from './result-limits.ts';

const ansiEscape = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * Drops terminal colour codes: results are shown as plain text. The text is cut to the result's limit first,
 * since learner code may have put megabytes into it and everything after the limit would be dropped anyway.
 */
export function plainText(text: string, maxChars: number = resultLimits.messageChars): string {
  return capText(text, maxChars).replace(ansiEscape, '');
}

function safeRead(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * The message of an error (including assertion failures), or a description of a thrown non-error. What
 * learner code threw was copied at the boundary and carries its description; anything else is read once here.
 */
export function describeThrown(value: unknown): string {
  return plainText(isLearnerThrow(value) ? value.description : copyThrown(value).description);
}

/**
 * A failed `expect` in plain words: the matcher's message without the notes it adds for developers who know
 * the test framework ("// Object.is equality" says which equality `toBe` used; the learner needs only the values).
 */
export function describeAssertion(error: unknown): string {
  return describeThrown(error).replace(/\s*\/\/ Object\.is equality/g, '');
}

const stackOverflow = /Maximum call stack size exceeded|too much recursion/;

/**
 * An error raised by the tests' own code, not by the learner's: say what it means for the learner. The tests
 * tripping over a value the learner gave them reads as such, and running out of stack inside the grader is
 * not blamed on the learner's recursion.
 */
export function describeGraderError(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? safeRead(error, 'name') : undefined;
  const message = typeof error === 'object' && error !== null ? safeRead(error, 'message') : undefined;
  if (name === 'RangeError' && typeof message === 'string' && stackOverflow.test(message)) {
    return 'The tests ran out of stack space while checking a value from your code (this is the grader\'s limit, not a mistake on your line): return a smaller or flatter value.';
  }
  if (name === 'TypeError') return describeTestsTypeError(error as TypeError) ?? describeThrown(error);
  return describeThrown(error);
}

/**
 * V8 names the expression that was not a function ("breaker.call is not a function"). When the hidden tests
 * trip over a value from the learner's code, that expression is the tests' own code, and in the production
 * build its names are minified ("e.call is not a function"). Only the property name survives minification,
 * so the message is rebuilt from it alone; Node and the browser then say the same thing.
 */
const notCallable = /^(?:(.*)\.)?([\w$]+) is not a (function|constructor)$/;
const notIterable = /^(?:[\w$.]+|\(intermediate value\)) is not iterable$/;
const destructuring = /^Cannot destructure property '([^']*)' of '[^']*' as it is (undefined|null)\.$/;

/** The rebuilt message, or undefined when the error's message names no expression. */
export function describeTestsTypeError(error: TypeError): string | undefined {
  const message = safeRead(error, 'message');
  if (typeof message !== 'string') return undefined;
  const callable = notCallable.exec(message);
  if (callable !== null) {
    const [, receiver, property, kind] = callable;
    return receiver === undefined
      ? `TypeError: the tests expected a ${kind} from your code, but got something else.`
      : `TypeError: the tests used \`${property}\` on a value from your code, but it is not a ${kind}.`;
  }
  if (notIterable.test(message)) return 'TypeError: the tests expected something iterable (like an array) from your code.';
  const destructured = destructuring.exec(message);
  if (destructured !== null) {
    return `TypeError: the tests read \`${destructured[1]}\` from a value your code gave them, but it was ${destructured[2]}.`;
  }
  return undefined;
}
