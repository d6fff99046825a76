/**
 * Seals the realm before learner code loads. Each run has a fresh worker, so nothing needs these objects to
 * change afterwards: everything reachable from the global object — the ECMAScript intrinsics, the Web and Node
 * API constructors and their prototypes, `expect`'s registries — is frozen, every global binding is made
 * read-only, and the global object itself is made non-extensible, so learner code can neither change what the
 * harness, `expect` and the checkers rely on nor add a global (or a symbol-keyed hook) that they look up.
 */
import { deepFreeze } from './deep-freeze.ts';

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

/** The global object and every prototype along its chain (a worker's global inherits most of its API). */
function globalChain(global: typeof globalThis): object[] {
  const chain: object[] = [];
  for (let owner: object | null = global; owner !== null; owner = Object.getPrototypeOf(owner)) chain.push(owner);
  return chain;
}

/**
 * Reads every global once first: lazy globals (getters that replace themselves on first read, as Node's do)
 * settle into plain values before they are frozen and locked.
 */
function settleLazyGlobals(global: typeof globalThis): void {
  for (const key of Reflect.ownKeys(global)) {
    try {
      Reflect.get(global, key);
    } catch {
      // A global that throws when read stays as it is; freezing and locking still stop its replacement.
    }
  }
}

/**
 * Error prototypes have to let `this.name = …` and `this.message = …` through in an error subclass's
 * constructor, which assigns over an inherited property and throws when that property is frozen (the
 * "override mistake"). Each such property becomes an accessor whose getter answers the original value and
 * whose setter defines an own property on the instance; then the prototypes freeze like everything else.
 */
function tameOverrideMistake(global: typeof globalThis): void {
  const constructors = [
    global.Error, global.TypeError, global.RangeError, global.SyntaxError, global.ReferenceError,
    global.EvalError, global.URIError, global.AggregateError,
  ].filter(Boolean);
  for (const ctor of constructors) {
    const prototype = ctor.prototype as object;
    for (const key of ['name', 'message', 'toString', 'constructor'] as const) {
      const descriptor = Reflect.getOwnPropertyDescriptor(prototype, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      const original: unknown = descriptor.value;
      Reflect.defineProperty(prototype, key, {
        get: () => original,
        set(this: object, value: unknown) {
          if (this === prototype) throw new TypeError(`Cannot assign to read only property '${key}' of built-in error prototypes`);
          Reflect.defineProperty(this, key, { value, writable: true, enumerable: false, configurable: true });
        },
        enumerable: descriptor.enumerable === true,
        configurable: false,
      });
    }
  }
}

/** Symbol-keyed globals the grader itself looks up (`expect`'s registries); every other one is removed. */
export function freezeRealm(global: typeof globalThis, keepSymbols: ReadonlySet<symbol>, frozen: Set<unknown>): void {
  settleLazyGlobals(global);
  for (const key of Reflect.ownKeys(global)) {
    // A symbol-keyed global is a hook some library looks up by name (Node's HTTP client keeps its dispatcher
    // under one, non-configurable, so it is emptied where it cannot be removed): none but ours stays.
    if (typeof key !== 'symbol' || keepSymbols.has(key) || key === Symbol.toStringTag) continue;
    if (!Reflect.deleteProperty(global, key)) Reflect.set(global, key, undefined);
  }
  tameOverrideMistake(global);
  for (const owner of globalChain(global)) {
    for (const key of Reflect.ownKeys(owner)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
      if (descriptor === undefined) continue;
      deepFreeze(descriptor.value, frozen);
      deepFreeze(descriptor.get, frozen);
      deepFreeze(descriptor.set, frozen);
    }
    if (owner !== global) Object.freeze(owner);
  }
  for (const intrinsic of hiddenIntrinsics()) deepFreeze(intrinsic, frozen);
  lockGlobals(global);
  Object.preventExtensions(global);
}

/** Makes every global binding non-writable and non-configurable. */
function lockGlobals(global: typeof globalThis): void {
  for (const key of Reflect.ownKeys(global)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(global, key);
    if (descriptor === undefined || !descriptor.configurable) continue;
    const locked: PropertyDescriptor =
      'value' in descriptor ? { value: descriptor.value, writable: false, configurable: false } : { configurable: false };
    Reflect.defineProperty(global, key, locked);
  }
}
