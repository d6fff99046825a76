/**
 * Locks the realm before learner code loads. Each run has a fresh worker, so nothing else needs these
 * objects afterwards: freezing the intrinsics stops learner code from changing what the harness, `expect`
 * and the checkers rely on (Object.is, Array.prototype, JSON, Promise, iterators, …), and locking the global
 * bindings stops it from swapping out anything the harness reads through a global.
 */

import { deepFreeze } from './deep-freeze.ts';

/** Global bindings whose value (and everything reachable from it) is frozen. */
const intrinsicNames = [
  'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect',
  'Proxy', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'RegExp', 'Date',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Intl', 'Iterator', 'Int8Array', 'Uint8Array',
  'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
  'BigInt64Array', 'BigUint64Array', 'MessagePort', 'EventTarget', 'console', 'crypto', 'performance',
] as const;

/** Intrinsics that have no global name, reached through values of their kind. */
function hiddenIntrinsics(): object[] {
  const prototypeOf = Object.getPrototypeOf;
  return [
    prototypeOf(function* generator() {}),
    prototypeOf(async function asyncFunction() {}),
    prototypeOf(async function* asyncGenerator() {}),
    prototypeOf([][Symbol.iterator]()),
    prototypeOf(new Map()[Symbol.iterator]()),
    prototypeOf(new Set()[Symbol.iterator]()),
    prototypeOf(''[Symbol.iterator]()),
    prototypeOf(/x/[Symbol.matchAll]('')),
    prototypeOf(Int8Array),
  ];
}

/**
 * Error prototypes stay writable: `class MyError extends Error { constructor() { super(); this.name = … } }`
 * assigns over an inherited property, which throws when that property is frozen ("override mistake").
 * Nothing the harness decides depends on them.
 */
export function errorPrototypes(global: typeof globalThis): Set<unknown> {
  const constructors = [
    global.Error, global.TypeError, global.RangeError, global.SyntaxError, global.ReferenceError,
    global.EvalError, global.URIError, global.AggregateError,
  ];
  return new Set(constructors.filter(Boolean).flatMap((ctor) => [ctor, ctor.prototype]));
}

export function freezeIntrinsics(global: typeof globalThis, skip: ReadonlySet<unknown>): void {
  const bindings = global as unknown as Record<string, unknown>;
  for (const name of intrinsicNames) deepFreeze(bindings[name], skip);
  for (const intrinsic of hiddenIntrinsics()) deepFreeze(intrinsic, skip);
}

/**
 * Makes every global binding non-writable and non-configurable. Lazy globals (getters that replace
 * themselves on first read, as Node's do) are read first so they settle into plain values.
 */
export function lockGlobals(global: typeof globalThis): void {
  for (const key of Reflect.ownKeys(global)) {
    try {
      Reflect.get(global, key);
    } catch {
      // A global that throws when read stays as it is; locking it below still stops its replacement.
    }
    const descriptor = Reflect.getOwnPropertyDescriptor(global, key);
    if (descriptor === undefined || !descriptor.configurable) continue;
    const locked: PropertyDescriptor =
      'value' in descriptor ? { value: descriptor.value, writable: false, configurable: false } : { configurable: false };
    Reflect.defineProperty(global, key, locked);
  }
}

/**
 * V8 calls `Error.prepareStackTrace` to format every stack, including those of the harness's own errors;
 * learner code must not choose what a stack says (the runner reads locations from it).
 */
export function lockStackFormatting(global: typeof globalThis): void {
  const errorConstructor = global.Error as ErrorConstructor & { prepareStackTrace?: unknown };
  Object.defineProperty(errorConstructor, 'prepareStackTrace', {
    value: errorConstructor.prepareStackTrace,
    writable: false,
    configurable: false,
  });
}
