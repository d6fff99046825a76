/**
 * Messages are values: `freezeMessage` deep-freezes a message and hashes its content in the same walk, so
 * the fingerprint covers what was sent without a second pass. Only plain data is allowed — a function,
 * class instance or Map would let sender and receiver share mutable state or behave differently per run.
 *
 * This runs for every message, so the walk builds no strings: when it meets something it refuses, it
 * throws a bare marker and `locate` walks again, slowly, to name the path ("message.items[2].when").
 */
import { fnv1aNumber, fnv1aString, FNV_OFFSET, FNV_PRIME } from './hash.ts';
import { SimConfigError } from './errors.ts';

const MAX_DEPTH = 64;

/** Thrown inside the walk; turned into a SimConfigError with a path by `freezeMessage`. */
class Refused {
  readonly reason: string;
  readonly shown: unknown;
  constructor(reason: string, shown: unknown) {
    this.reason = reason;
    this.shown = shown;
  }
}

/**
 * Freezes `value` deeply and returns a (signed) 32-bit hash of its content. `action` and `subject` name
 * the call in errors ("send from", "A"); they are joined only then, so the hot path builds no string. A
 * subject that has to be put together ("N1 (key "log")") is passed as a function, called only then too.
 */
export function freezeMessage(value: unknown, action: string, subject: string | (() => string)): number {
  try {
    return walk(value, FNV_OFFSET, 0);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const named = typeof subject === 'string' ? subject : subject();
    throw new SimConfigError(`${action} ${named}: message${locate(value, '', 0) ?? ''}`, error.shown, error.reason);
  }
}

function walk(value: unknown, h: number, depth: number): number {
  if (typeof value !== 'object') return hashPrimitive(value, h);
  if (value === null) return Math.imul(h ^ 6, FNV_PRIME);
  if (depth >= MAX_DEPTH) throw new Refused(`must nest at most ${MAX_DEPTH} levels (is it cyclic?)`, `depth ${depth}`);
  let hash = h;
  if (Array.isArray(value)) {
    hash = Math.imul(hash ^ 7, FNV_PRIME);
    for (let i = 0; i < value.length; i++) hash = walkItem(value[i], hash, depth);
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new Refused('must be a plain object or array', (value as { constructor?: { name?: string } }).constructor?.name ?? 'unknown');
    }
    hash = Math.imul(hash ^ 8, FNV_PRIME);
    const record = value as Record<string, unknown>;
    // for…in allocates nothing; the prototype check above means every key it yields is the object's own.
    for (const key in record) {
      // fnv1aString, written out: a browser's compiler left the call in place, and it showed in the profile.
      for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
      hash = walkItem(record[key], hash, depth);
    }
  }
  Object.freeze(value);
  return hash;
}

/**
 * One part of a message inside an object or array. A string — the most common field — is hashed here as
 * `hashPrimitive` would, bit for bit, without a call per field.
 */
function walkItem(item: unknown, h: number, depth: number): number {
  if (typeof item === 'string') {
    let hash = Math.imul(h ^ 2, FNV_PRIME);
    for (let i = 0; i < item.length; i++) hash = Math.imul(hash ^ item.charCodeAt(i), FNV_PRIME);
    return hash;
  }
  return typeof item === 'object' ? walk(item, h, depth + 1) : hashPrimitive(item, h);
}

function hashPrimitive(value: unknown, h: number): number {
  switch (typeof value) {
    case 'number':
      return fnv1aNumber(Math.imul(h ^ 1, FNV_PRIME), value);
    case 'string':
      return fnv1aString(Math.imul(h ^ 2, FNV_PRIME), value);
    case 'boolean':
      return Math.imul(h ^ (value ? 3 : 4), FNV_PRIME);
    case 'undefined':
      return Math.imul(h ^ 5, FNV_PRIME);
    default:
      throw new Refused('must be plain data (no functions, symbols or bigints)', typeof value);
  }
}

/** The path to the first value `walk` refuses, or undefined. Only runs after a refusal. */
function locate(value: unknown, path: string, depth: number): string | undefined {
  const type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint') return path;
  if (type !== 'object' || value === null) return undefined;
  if (depth >= MAX_DEPTH) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = locate(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return path;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const found = locate(record[key], `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
