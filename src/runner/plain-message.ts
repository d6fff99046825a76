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
