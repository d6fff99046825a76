/**
 * Turns anything learner code (or a matcher) threw into one plain sentence. Thrown values can be anything,
 * including objects whose getters or toString throw, so every read is guarded.
 */
const ansiEscape = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Drops terminal colour codes: results are shown as plain text. */
export function plainText(text: string): string {
  return text.replace(ansiEscape, '');
}

function safeRead(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function safeString(value: unknown): string | undefined {
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

const frozenBuiltIn = /read[- ]only|not extensible|Cannot (assign|add|define|redefine|delete)|frozen/i;

/** The message of an error (including assertion failures), or a description of a thrown non-error. */
export function describeThrown(value: unknown): string {
  if (value === null || value === undefined) return `Your code threw ${String(value)}.`;
  if (typeof value === 'string') return `Your code threw the string "${value}".`;
  if (typeof value !== 'object' && typeof value !== 'function') return `Your code threw ${safeString(value)}.`;
  const message = safeRead(value, 'message');
  const name = safeRead(value, 'name');
  if (typeof message === 'string') {
    const text = typeof name === 'string' && name !== 'Error' && name !== 'AssertionError' ? `${name}: ${message}` : message;
    const note =
      name === 'TypeError' && frozenBuiltIn.test(message) ? ' (built-in objects are frozen while your code runs)' : '';
    return plainText(text) + note;
  }
  const printed = safeString(value);
  return printed === undefined
    ? 'Your code threw an object that cannot be printed.'
    : `Your code threw ${plainText(printed)}.`;
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
