/**
 * The built-ins the grader relies on, captured when this module loads — before any learner code exists — as
 * Node's own internals do with their "primordials". The realm's intrinsics are frozen before learner code
 * runs as well, but the boundary does not lean on that: what it calls here was taken from the engine first,
 * and methods are called as plain functions (`mapEntries(map)`), never looked up on a value learner code made.
 */
const { apply, construct, defineProperty, get, getOwnPropertyDescriptor, getPrototypeOf, ownKeys, set } = Reflect;

export { apply, construct, defineProperty, get, getOwnPropertyDescriptor, getPrototypeOf, ownKeys, set };

/**
 * Turns a prototype method into a function taking its receiver first: `uncurry(Map.prototype.get)(map, key)`.
 * `call` bound to the method, as Node's primordials do: the engine inlines it, where a rest-parameter wrapper
 * around `Reflect.apply` allocates an array on every call (it cost the grader a fifth of its time).
 */
const bindCall = Function.prototype.bind.bind(Function.prototype.call) as <Args extends unknown[], Result>(
  method: (...args: Args) => Result,
) => (self: unknown, ...args: Args) => Result;

function uncurry<Args extends unknown[], Result>(method: (...args: Args) => Result): (self: unknown, ...args: Args) => Result {
  return bindCall(method);
}

function getter(prototype: object, key: PropertyKey): (self: unknown) => unknown {
  const descriptor = getOwnPropertyDescriptor(prototype, key);
  const read = descriptor?.get;
  if (read === undefined) throw new Error(`The engine has no getter for ${String(key)}.`);
  return bindCall(read as () => unknown);
}

export const isArray = Array.isArray;
export const objectPrototype = Object.prototype;
export const arrayPrototype = Array.prototype;
export const create = Object.create;
export const objectKeys = Object.keys;
export const objectValues = Object.values;
export const ownNames = Object.getOwnPropertyNames;
export const ownSymbols = Object.getOwnPropertySymbols;
export const freeze = Object.freeze;
export const StringOf = String;

export const GraderMap = Map;
export const GraderSet = Set;
export const GraderWeakMap = WeakMap;
export const GraderWeakSet = WeakSet;
export const GraderDate = Date;
export const GraderProxy = Proxy;

export const mapSize = getter(Map.prototype, 'size');
export const mapEntries = uncurry(Map.prototype.entries as () => IterableIterator<[unknown, unknown]>);
export const mapGet = uncurry(Map.prototype.get);
export const mapSet = uncurry(Map.prototype.set);
export const mapHas = uncurry(Map.prototype.has);
export const setSize = getter(Set.prototype, 'size');
export const setValues = uncurry(Set.prototype.values as () => IterableIterator<unknown>);
export const setAdd = uncurry(Set.prototype.add);
export const setHas = uncurry(Set.prototype.has);
export const weakMapGet = uncurry(WeakMap.prototype.get) as <V>(self: WeakMap<object, V>, key: object) => V | undefined;
export const weakMapSet = uncurry(WeakMap.prototype.set);
export const weakMapHas = uncurry(WeakMap.prototype.has);
export const weakSetAdd = uncurry(WeakSet.prototype.add);
export const weakSetHas = uncurry(WeakSet.prototype.has);
export const dateGetTime = uncurry(Date.prototype.getTime);
export const arrayPush = uncurry(Array.prototype.push);
export const arrayPop = uncurry(Array.prototype.pop);

type IteratorPrototype<T> = { next: () => IteratorResult<T> };
const mapIteratorNext = uncurry((getPrototypeOf(new Map().entries()) as IteratorPrototype<[unknown, unknown]>).next);
const setIteratorNext = uncurry((getPrototypeOf(new Set().values()) as IteratorPrototype<unknown>).next);

/** The entries of a real Map, read through the engine's own iterator (a subclass cannot change them). */
export function entriesOfMap(map: unknown): Array<[unknown, unknown]> {
  const entries: Array<[unknown, unknown]> = [];
  const iterator = mapEntries(map);
  for (let step = mapIteratorNext(iterator); !step.done; step = mapIteratorNext(iterator)) arrayPush(entries, step.value);
  return entries;
}

/** The values of a real Set, read through the engine's own iterator. */
export function valuesOfSet(setValue: unknown): unknown[] {
  const values: unknown[] = [];
  const iterator = setValues(setValue);
  for (let step = setIteratorNext(iterator); !step.done; step = setIteratorNext(iterator)) arrayPush(values, step.value);
  return values;
}

/** A brand check from an engine getter that throws on the wrong receiver: it never runs learner code. */
function hasSlot(read: (self: unknown) => unknown): (value: object) => boolean {
  return (value) => {
    try {
      read(value);
      return true;
    } catch {
      return false;
    }
  };
}

/** True when `value` is a real Map, Set or Date: its internal slot decides, not its prototype. */
export const isRealMap = hasSlot(mapSize);
export const isRealSet = hasSlot(setSize);
export const isRealDate = hasSlot(dateGetTime);
