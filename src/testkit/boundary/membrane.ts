/**
 * The boundary between learner code and the grader. Every value crosses it, in one direction or the other:
 *
 * - **Out of learner code** (a return value, a thrown value, an argument learner code passes to a callback of
 *   the tests, a field the tests read): plain data — primitives, arrays, plain objects, Maps, Sets, Dates — is
 *   copied once, by this module, into grader-owned data, reading each property exactly once; functions and
 *   objects with behaviour (class instances, objects with methods) become *handles* — grader-owned stand-ins
 *   whose every call and read crosses again. Symbols, getters, Promises and other built-ins that are not data
 *   are refused with a plain sentence, and so is a value too large or too deep to copy.
 * - **Into learner code** (an argument the tests pass, what a callback of the tests returns): plain data is
 *   copied, so learner code can never change what the tests later read; objects with behaviour become
 *   method-only facades (their fields stay with the tests); functions become wrappers whose arguments cross
 *   back out.
 *
 * A handle crossing back in is the learner's own object again, and a facade crossing back out is the tests'
 * own object, so identity holds on each side. What the grader judges is therefore always its own data:
 * nothing learner code made is inspected live by `expect`, a checker or a failure message.
 *
 * A failed check raised inside a callback of the tests stays failed even if learner code catches it
 * (`noteGraderFailure`): the verdict is the grader's, not something learner code can swallow.
 */
import {
  GraderDate,
  GraderMap,
  GraderProxy,
  GraderSet,
  GraderWeakMap,
  GraderWeakSet,
  apply,
  arrayPop,
  arrayPrototype,
  arrayPush,
  construct,
  create,
  defineProperty,
  StringOf,
  dateGetTime,
  entriesOfMap,
  freeze,
  get,
  getOwnPropertyDescriptor,
  getPrototypeOf,
  isArray,
  isRealDate,
  isRealMap,
  isRealSet,
  mapGet,
  mapHas,
  mapSet,
  setHas,
  objectKeys,
  objectValues,
  objectPrototype,
  ownKeys,
  ownNames,
  ownSymbols,
  set,
  setAdd,
  valuesOfSet,
  weakMapGet,
  weakMapHas,
  weakMapSet,
  weakSetAdd,
  weakSetHas,
} from './primordials.ts';
import { BoundaryRefusal, crossingLimits, isBoundaryRefusal } from './refusal.ts';
import { LearnerThrow, copyThrown, isLearnerThrow } from './learner-throw.ts';
import type { ThrowSite } from './learner-throw.ts';

type AnyFunction = (...args: unknown[]) => unknown;

/** Handle (grader side) → the learner's own value. */
const learnerValueOf = new GraderWeakMap<object, object>();
/** Learner value → its handle, so one learner object always has one handle. */
const handleOf = new GraderWeakMap<object, object>();
/** Facade or wrapper (learner side) → the tests' own value. */
const graderValueOf = new GraderWeakMap<object, object>();
/** Tests' value → its facade or wrapper. */
const facadeOf = new GraderWeakMap<object, object>();
/** Errors thrown by the tests' own code, which pass back through learner code untouched. */
const graderThrown = new GraderWeakSet<object>();

const mapPrototype: object = GraderMap.prototype;
const setPrototype: object = GraderSet.prototype;
const datePrototype: object = GraderDate.prototype;

/** Built-in prototypes whose instances are neither data nor behaviour learner code wrote. */
const builtInPrototypes = new GraderWeakSet<object>();
for (const prototype of [
  Promise.prototype, RegExp.prototype, Error.prototype, WeakMap.prototype, WeakSet.prototype, ArrayBuffer.prototype,
  getPrototypeOf(Int8Array.prototype) as object, DataView.prototype, Function.prototype,
]) {
  weakSetAdd(builtInPrototypes, prototype);
}

/** What the learner reads when a value cannot cross: "Your code returned a Promise …". */
function refuse(what: string, at: Path, advice = plainDataAdvice): never {
  const path = pathText(at);
  const where = path === '' ? '' : ` (at \`${path}\`)`;
  throw new BoundaryRefusal(`Your code gave the tests ${what}${where}. ${advice}`);
}
const plainDataAdvice = 'The tests compare plain values: numbers, strings, booleans, null, arrays, plain objects, Maps, Sets and Dates.';
const sizeAdvice = 'No answer the task asks for is that big: look for a value that grows without end.';

function kindOf(value: object): string {
  const prototype = getPrototypeOf(value);
  if (prototype === Promise.prototype) return 'a Promise (exercises are synchronous: return the value itself)';
  if (prototype === RegExp.prototype) return 'a regular expression';
  if (prototype === DataView.prototype || prototype === ArrayBuffer.prototype) return 'binary data';
  if (prototype !== null && getPrototypeOf(prototype) === getPrototypeOf(Int8Array.prototype)) return 'a typed array';
  return 'a built-in object that is not plain data';
}

/**
 * Where a part sits inside the value that crosses, for messages. Built as a chain and spelled out only when a
 * refusal names it: copying a large value must not build a string per part.
 */
type Path = { readonly parent: Path; readonly step: string | number } | string;

/** A path longer than this is shown by its end: the part nearest the problem. */
const pathShownChars = 60;

function pathText(at: Path): string {
  const text = fullPathText(at);
  return text.length <= pathShownChars ? text : `…${text.slice(-pathShownChars)}`;
}

function fullPathText(at: Path): string {
  if (typeof at === 'string') return at;
  const parent = fullPathText(at.parent);
  const { step } = at;
  if (typeof step === 'number') return `${parent}[${step}]`;
  if (step.endsWith('()') || step === 'get(…)') return parent === '' ? step : `${parent}.${step}`;
  return /^[A-Za-z_$][\w$]*$/.test(step) ? (parent === '' ? step : `${parent}.${step}`) : `${parent}[${JSON.stringify(step)}]`;
}

const pathOf = (parent: Path, step: string | number): Path => ({ parent, step });

/**
 * A part's path as its parent's path and its own step, joined only when needed: most parts are primitives,
 * whose path is read only if they are refused. `undefined` is the root's step: the path is the parent's.
 */
const pathAt = (parent: Path, step: string | number | undefined): Path => (step === undefined ? parent : pathOf(parent, step));

/** Counts what one crossing copies, so a huge or deep value is refused instead of exhausting the grader. */
interface Budget {
  values: number;
  chars: number;
}

function spend(budget: Budget, value: unknown, depth: number, parent: Path, step: string | number | undefined): void {
  budget.values += 1;
  if (typeof value === 'string') budget.chars += value.length;
  if (budget.values > crossingLimits.values) refuse(`a value with more than ${crossingLimits.values.toLocaleString('en')} parts`, pathAt(parent, step), sizeAdvice);
  if (budget.chars > crossingLimits.stringChars) refuse(`more than ${crossingLimits.stringChars.toLocaleString('en')} characters of text`, pathAt(parent, step), sizeAdvice);
  if (depth > crossingLimits.depth) refuse(`a value nested more than ${crossingLimits.depth} levels deep`, pathAt(parent, step), sizeAdvice);
}

// ---------------------------------------------------------------------------------------------------------
// Out of learner code
// ---------------------------------------------------------------------------------------------------------

/** Whether an object is plain data (as opposed to something with behaviour, or a built-in that is neither). */
type Shape = 'array' | 'map' | 'set' | 'date' | 'plain' | 'behaviour' | 'built-in';

function shapeOf(value: object, prototype: object | null): Shape {
  if (isArray(value)) return 'array';
  if (prototype === objectPrototype || prototype === null) return 'plain';
  // Only an object whose prototype chain claims Map, Set or Date has its internal slot checked: the brand
  // checks throw for everything else, and a class instance crossing on every call must not pay for a throw.
  // A real Map given some other prototype is then an object with behaviour: a handle, which is just as safe.
  for (let step: object | null = prototype; step !== null && step !== objectPrototype; step = getPrototypeOf(step)) {
    if (step === mapPrototype) return isRealMap(value) ? 'map' : 'behaviour';
    if (step === setPrototype) return isRealSet(value) ? 'set' : 'behaviour';
    if (step === datePrototype) return isRealDate(value) ? 'date' : 'behaviour';
    // A typed array's own prototype is Uint8Array.prototype (…), whose prototype is the one built-in to know.
    if (weakSetHas(builtInPrototypes, step)) return 'built-in';
  }
  return 'behaviour';
}

interface PendingCopy {
  readonly source: object;
  readonly target: object;
  readonly shape: 'array' | 'plain' | 'map' | 'set';
  readonly depth: number;
  readonly path: Path;
  /** Own properties, read once when the shape was decided (for arrays and plain objects). */
  readonly descriptors?: ReadonlyArray<readonly [string, PropertyDescriptor]>;
  /** A dense array's elements in order, read once instead (`readDenseElements`). */
  readonly elements?: readonly PropertyDescriptor[];
}

/**
 * Reads every own property of a plain object or array once, refusing symbols and getters. An object's names and
 * its symbols are asked for apart: the engine answers the names of an ordinary object from a cache, where the
 * list of all its keys costs several times the rest of the copy. For an array it is the other way round.
 */
function readOwnData(value: object, path: Path): Array<readonly [string, PropertyDescriptor]> {
  const read: Array<readonly [string, PropertyDescriptor]> = [];
  const array = isArray(value);
  for (const key of array ? ownKeys(value) : ownNames(value)) {
    if (typeof key === 'symbol') refuse('an object with a symbol-keyed property', path);
    const descriptor = getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    if (!('value' in descriptor)) refuse(`an object with a getter or setter \`${key}\``, path);
    arrayPush(read, [key, descriptor]);
  }
  if (!array && ownSymbols(value).length > 0) refuse('an object with a symbol-keyed property', path);
  return read;
}

/**
 * The elements of a dense array — an element at every index below its length, each enumerable data, and no other
 * enumerable key — read once each by index; `undefined` for any other array, which `readOwnData` reads key by key.
 * Listing an array's keys makes a string of every index, which cost more than copying the batch of numbers that
 * most arrays crossing out are. A property that is not enumerable is neither listed nor read here, and no copy
 * holds one either way.
 */
function readDenseElements(value: unknown[], path: Path): PropertyDescriptor[] | undefined {
  const length: unknown = getOwnPropertyDescriptor(value, 'length')?.value;
  // Counting the enumerable keys first bounds the loop by what the array holds, not by a length it claims.
  if (typeof length !== 'number' || objectKeys(value).length !== length) return undefined;
  const elements: PropertyDescriptor[] = [];
  for (let index = 0; index < length; index++) {
    const descriptor = getOwnPropertyDescriptor(value, index);
    if (descriptor === undefined || descriptor.enumerable !== true) return undefined;
    if (!('value' in descriptor)) refuse(`an object with a getter or setter \`${index}\``, path);
    arrayPush(elements, descriptor);
  }
  if (ownSymbols(value).length > 0) refuse('an object with a symbol-keyed property', path);
  return elements;
}

/**
 * Copies a value out of learner code. `path` names where it sits, for messages. Iterative, so a deep value
 * is refused at the depth limit rather than overflowing the grader's stack.
 */
export function fromLearner(value: unknown, path = ''): unknown {
  const budget: Budget = { values: 0, chars: 0 };
  // A primitive is checked and returned as it is: most crossings (a method's `undefined`, a number) need no
  // table of copies, and a simulation crosses thousands of times per run.
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return crossOut(value, 0, path, undefined, budget, noCopies, noPending);
  const copies = new GraderMap<object, unknown>();
  const pending: PendingCopy[] = [];
  const root = crossOut(value, 0, path, undefined, budget, copies, pending);
  for (let next = arrayPop(pending) as PendingCopy | undefined; next !== undefined; next = arrayPop(pending) as PendingCopy | undefined) {
    fill(next, budget, copies, pending);
  }
  return root;
}

/** What a primitive's crossing is given instead of a copy table and a work list: it reads neither. */
const noCopies = new GraderMap<object, unknown>();
const noPending: PendingCopy[] = [];

/** Copies one part out of learner code: the one at `step` in the part at `parent` (see `pathAt`). */
function crossOut(
  value: unknown,
  depth: number,
  parent: Path,
  step: string | number | undefined,
  budget: Budget,
  copies: Map<object, unknown>,
  pending: PendingCopy[],
): unknown {
  spend(budget, value, depth, parent, step);
  if (typeof value === 'symbol') refuse('a symbol', pathAt(parent, step));
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  const graderOwn = weakMapGet(graderValueOf, value);
  if (graderOwn !== undefined) return graderOwn;
  if (mapHas(copies, value)) return mapGet(copies, value);
  const known = weakMapGet(handleOf, value);
  if (known !== undefined) return known;
  if (typeof value === 'function') return functionHandle(value as AnyFunction);

  const path = pathAt(parent, step);
  const prototype = getPrototypeOf(value);
  const shape = shapeOf(value, prototype);
  if (shape === 'built-in') refuse(kindOf(value), path);
  if (shape === 'date') {
    const copy = new GraderDate(dateGetTime(value));
    mapSet(copies, value, copy);
    return copy;
  }
  if (shape === 'behaviour') return objectHandle(value);
  if (shape === 'map' || shape === 'set') {
    const target = shape === 'map' ? new GraderMap() : new GraderSet();
    mapSet(copies, value, target);
    arrayPush(pending, { source: value, target, shape, depth, path });
    return target;
  }
  const elements = shape === 'array' ? readDenseElements(value as unknown[], path) : undefined;
  if (elements !== undefined) {
    for (let i = 0; i < elements.length; i++) if (typeof (elements[i] as PropertyDescriptor).value === 'function') return objectHandle(value);
    const target: unknown[] = [];
    mapSet(copies, value, target);
    arrayPush(pending, { source: value, target, shape, depth, path, elements });
    return target;
  }
  const descriptors = readOwnData(value, path);
  // An object literal with methods (`{ read() {…}, write() {…} }`) is behaviour, not data.
  for (const [, descriptor] of descriptors) if (typeof descriptor.value === 'function') return objectHandle(value);
  const target: object = shape === 'array' ? [] : {};
  mapSet(copies, value, target);
  arrayPush(pending, { source: value, target, shape, depth, path, descriptors });
  return target;
}

/** Keys a copy inherits (`__proto__`, `toString`, `push`, …): assigning one would run a setter or hit a frozen property. */
const inheritedKeys = new GraderSet<string | symbol>();
for (const prototype of [objectPrototype, arrayPrototype]) for (const key of ownKeys(prototype)) setAdd(inheritedKeys, key);

/**
 * Stores a key of a copy (a plain object or array). An inherited key is defined, so `__proto__` is copied as
 * data and never runs a setter; any other is assigned, which is several times faster and means the same.
 */
function defineData(target: object, key: string, value: unknown): void {
  if (setHas(inheritedKeys, key)) defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else (target as Record<string, unknown>)[key] = value;
}

function fill(copy: PendingCopy, budget: Budget, copies: Map<object, unknown>, pending: PendingCopy[]): void {
  const { source, target, shape, path } = copy;
  const depth = copy.depth + 1;
  if (shape === 'map') {
    for (const [key, value] of entriesOfMap(source)) {
      mapSet(target, crossOut(key, depth, path, 'keys()', budget, copies, pending), crossOut(value, depth, path, 'get(…)', budget, copies, pending));
    }
    return;
  }
  if (shape === 'set') {
    for (const value of valuesOfSet(source)) setAdd(target, crossOut(value, depth, path, 'values()', budget, copies, pending));
    return;
  }
  const elements = target as unknown[];
  if (copy.elements !== undefined) {
    for (let i = 0; i < copy.elements.length; i++) arrayPush(elements, crossOut((copy.elements[i] as PropertyDescriptor).value, depth, path, i, budget, copies, pending));
    return;
  }
  for (const [key, descriptor] of copy.descriptors ?? []) {
    if (!descriptor.enumerable) {
      // An array's `length` is the only non-enumerable own property plain data has; it follows the elements.
      if (shape === 'array' && key === 'length') set(target, 'length', descriptor.value);
      continue;
    }
    // Array elements come first, in order: appended, they keep the copy a fast, dense array.
    if (shape === 'array' && key === StringOf(elements.length)) {
      arrayPush(elements, crossOut(descriptor.value, depth, path, elements.length, budget, copies, pending));
      continue;
    }
    defineData(target, key, crossOut(descriptor.value, depth, path, key, budget, copies, pending));
  }
}

/** Whether a grader value is (or holds, somewhere inside) a stand-in for learner behaviour. */
export function isLearnerHandle(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && weakMapHas(learnerValueOf, value);
}

/** Runs learner code and carries whatever it throws across as a grader-owned `LearnerThrow`. */
function callingLearner<T>(call: () => T): T {
  try {
    return call();
  } catch (thrown) {
    throw fromLearnerThrow(thrown);
  }
}

/** Where the learner's last throw statement ran; the runner, which marks throw statements, provides it. */
let lastThrowSite: () => ThrowSite | undefined = () => undefined;

export function setThrowSiteSource(source: () => ThrowSite | undefined): void {
  lastThrowSite = source;
}

/** What the grader holds when learner code threw `thrown`. Errors of the tests' own pass through unchanged. */
export function fromLearnerThrow(thrown: unknown): unknown {
  if ((typeof thrown === 'object' || typeof thrown === 'function') && thrown !== null) {
    if (weakSetHas(graderThrown, thrown) || isLearnerThrow(thrown) || isBoundaryRefusal(thrown)) return thrown;
    const graderOwn = weakMapGet(graderValueOf, thrown);
    if (graderOwn !== undefined) return graderOwn;
  }
  const site = lastThrowSite();
  return new LearnerThrow(copyThrown(thrown), site);
}

function toLearnerArgs(args: readonly unknown[]): unknown[] {
  const crossed: unknown[] = [];
  for (let i = 0; i < args.length; i++) arrayPush(crossed, toLearner(args[i]));
  return crossed;
}

function remember(learnerValue: object, handle: object): void {
  weakMapSet(learnerValueOf, handle, learnerValue);
  weakMapSet(handleOf, learnerValue, handle);
}

/** A grader-side stand-in for a learner function: calls and `new` cross both ways. */
function functionHandle(fn: AnyFunction): AnyFunction {
  const handle = new GraderProxy(function learnerFunction() {} as AnyFunction, {
    apply: (_target, thisArg, args) => callingLearner(() => fromLearner(apply(fn, toLearner(thisArg), toLearnerArgs(args)))),
    construct: (_target, args) => callingLearner(() => fromLearner(construct(fn, toLearnerArgs(args)) as object)) as object,
    get: (_target, key) => (typeof key === 'symbol' ? undefined : readMember(fn, key)),
    set: (_target, key, value) => typeof key === 'string' && callingLearner(() => set(fn, key, toLearner(value))),
    getPrototypeOf: () => null,
  });
  remember(fn, handle);
  return handle;
}

/** Reads one member of a learner object for the tests: methods become bound stand-ins, data is copied. */
function readMember(owner: object, key: string): unknown {
  const value = callingLearner(() => get(owner, key));
  if (typeof value === 'function') return methodHandle(owner, value as AnyFunction);
  return callingLearner(() => fromLearner(value, key));
}

/** Bound methods, per learner object, so `handle.pick === handle.pick` holds while the method is the same. */
const methodsOf = new GraderWeakMap<object, Map<AnyFunction, AnyFunction>>();

function methodHandle(receiver: object, method: AnyFunction): AnyFunction {
  let methods = weakMapGet(methodsOf, receiver);
  if (methods === undefined) {
    methods = new GraderMap();
    weakMapSet(methodsOf, receiver, methods);
  }
  const known = mapGet(methods, method);
  if (known !== undefined) return known;
  const bound = function learnerMethod(...args: unknown[]): unknown {
    return callingLearner(() => fromLearner(apply(method, receiver, toLearnerArgs(args))));
  };
  mapSet(methods, method, bound);
  weakMapSet(learnerValueOf, bound, method);
  return bound;
}

/** A grader-side stand-in for a learner object with behaviour: members are read (and copied) when used. */
function objectHandle(learnerObject: object): object {
  const handle = new GraderProxy(create(null) as object, {
    get: (_target, key) => (typeof key === 'symbol' ? undefined : readMember(learnerObject, key)),
    set: (_target, key, value) => typeof key === 'string' && callingLearner(() => set(learnerObject, key, toLearner(value))),
    has: (_target, key) => typeof key === 'string' && callingLearner(() => key in learnerObject),
    ownKeys: () => {
      const keys: string[] = [];
      for (const key of callingLearner(() => ownKeys(learnerObject))) if (typeof key === 'string') arrayPush(keys, key);
      return keys;
    },
    getOwnPropertyDescriptor: (_target, key) => {
      if (typeof key === 'symbol') return undefined;
      const own = callingLearner(() => getOwnPropertyDescriptor(learnerObject, key));
      if (own === undefined) return undefined;
      return { value: readMember(learnerObject, key), writable: true, enumerable: own.enumerable === true, configurable: true };
    },
    getPrototypeOf: () => null,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
  });
  remember(learnerObject, handle);
  return handle;
}

// ---------------------------------------------------------------------------------------------------------
// Into learner code
// ---------------------------------------------------------------------------------------------------------

/**
 * Where an error thrown by a callback of the tests goes, so that a failed check raised there still fails the test
 * when learner code catches it. The test context installs the sink for the duration of a test and keeps the
 * verdicts (failed `expect`s, property violations, refusals) among what it is given.
 */
let failureSink: ((error: unknown) => void) | null = null;

export function setGraderFailureSink(sink: ((error: unknown) => void) | null): void {
  failureSink = sink;
}

function callingGrader<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if ((typeof error === 'object' || typeof error === 'function') && error !== null) weakSetAdd(graderThrown, error);
    if (failureSink !== null) failureSink(error);
    throw error;
  }
}

function fromLearnerArgs(args: readonly unknown[]): unknown[] {
  const crossed: unknown[] = [];
  for (let i = 0; i < args.length; i++) arrayPush(crossed, fromLearner(args[i], `argument ${i + 1}`));
  return crossed;
}

/** Callbacks made with `receivesLater`: the direct form → the form that takes readers. */
const readersOf = new GraderWeakMap<AnyFunction, AnyFunction>();

type Readers<Args extends unknown[]> = { [K in keyof Args]: () => Args[K] };

/**
 * A callback for learner code that reads its arguments *later*, as a real receiver does: a batch handed to a
 * database driver is sent when the connection is free, not when it was handed over. Each argument arrives as a
 * reader; calling it copies the learner's value as it is *then*, so code that changes a value after handing
 * it over is caught. Called directly by the tests' own code, each reader answers the argument itself.
 */
export function receivesLater<Args extends unknown[]>(consume: (...readers: Readers<Args>) => void): (...args: Args) => void {
  const direct = (...args: Args): void => consume(...(args.map((arg) => () => arg) as Readers<Args>));
  weakMapSet(readersOf, direct as AnyFunction, consume as AnyFunction);
  return direct;
}

/** A learner-side wrapper for a function of the tests: learner arguments cross out, the result crosses in. */
function graderFunctionFacade(fn: AnyFunction): AnyFunction {
  const consume = weakMapGet(readersOf, fn);
  if (consume !== undefined) {
    const facade = function (...args: unknown[]): unknown {
      const readers: Array<() => unknown> = [];
      for (let i = 0; i < args.length; i++) {
        const raw = args[i];
        arrayPush(readers, () => callingLearner(() => fromLearner(raw, `argument ${i + 1}`)));
      }
      return toLearner(callingGrader(() => apply(consume, undefined, readers)));
    };
    freeze(facade);
    return facade;
  }
  // `this` stays on the learner's side: the tests' methods reach their object through a binding, never through it.
  const facade = function (...args: unknown[]): unknown {
    return toLearner(callingGrader(() => apply(fn, undefined, fromLearnerArgs(args))));
  };
  freeze(facade);
  return facade;
}

/**
 * A learner-side facade of an object of the tests with behaviour: its methods, bound to the tests' own object,
 * and its getters, read live. Fields of a class instance stay with the tests; a plain object's own data fields
 * (`{ now: 5, send() {…} }`) are copied, as they would be without the methods.
 */
function graderObjectFacade(graderObject: object, plain: boolean): object {
  const facade = create(plain ? objectPrototype : null) as Record<string, unknown>;
  const seen = new GraderSet<string>();
  for (let owner: object | null = graderObject; owner !== null && owner !== objectPrototype; owner = getPrototypeOf(owner)) {
    for (const key of ownKeys(owner)) {
      if (typeof key !== 'string' || key === 'constructor' || setHas(seen, key)) continue;
      setAdd(seen, key);
      const descriptor = getOwnPropertyDescriptor(owner, key);
      if (descriptor === undefined) continue;
      if (typeof descriptor.value === 'function') {
        const method = descriptor.value as AnyFunction;
        const bound = (...args: unknown[]): unknown => apply(method, graderObject, args);
        defineProperty(facade, key, { value: toLearner(bound), enumerable: descriptor.enumerable === true });
      } else if (descriptor.get !== undefined) {
        const read = descriptor.get;
        defineProperty(facade, key, { get: () => toLearner(apply(read, graderObject, [])), enumerable: descriptor.enumerable === true });
      } else if (plain && owner === graderObject && descriptor.enumerable === true) {
        defineProperty(facade, key, { value: toLearner(descriptor.value), writable: true, enumerable: true });
      }
    }
  }
  return freeze(facade);
}

/** Copies or wraps a value of the tests for learner code. */
export function toLearner(value: unknown): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return value;
  const learnerOwn = weakMapGet(learnerValueOf, value);
  if (learnerOwn !== undefined) return learnerOwn;
  const known = weakMapGet(facadeOf, value);
  if (known !== undefined) return known;
  if (typeof value === 'function') return rememberFacade(value, graderFunctionFacade(value as AnyFunction));
  return copyIn(value, undefined);
}

function rememberFacade(graderValue: object, facade: object): object {
  weakMapSet(facadeOf, graderValue, facade);
  weakMapSet(graderValueOf, facade, graderValue);
  return facade;
}

/** Whether any of `items` is an object: only then can a copy share a part, or hold itself. */
function holdsObject(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item === 'object' && item !== null) return true;
  }
  return false;
}

interface PlainFields {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
}

/**
 * The enumerable string-keyed fields of a plain object of the tests, or `undefined` when the object has a method
 * and so is behaviour (it gets a facade). This is the tests' own data, never learner code's, so its fields are
 * read by the engine's own `Object.keys` and `Object.values`: asking for each property's descriptor cost more
 * than all the rest of the copy, and a simulation copies thousands of messages and versions into learner code
 * per run. An object with a function among its fields is looked at again property by property, so that a getter
 * that returns a function stays a field. Properties that are not enumerable are neither copied nor looked at:
 * a method is an enumerable field, as every method of an object literal is.
 */
function plainFields(value: object): PlainFields | undefined {
  const keys = objectKeys(value);
  const values = objectValues(value);
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'function') return plainFieldsByDescriptor(value);
  return { keys, values };
}

/** `plainFields` for an object with a function among its fields: only a method (a data property) makes it behaviour. */
function plainFieldsByDescriptor(value: object): PlainFields | undefined {
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const key of ownKeys(value)) {
    const descriptor = getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    if (typeof descriptor.value === 'function') return undefined;
    if (!descriptor.enumerable || typeof key === 'symbol') continue;
    arrayPush(keys, key);
    arrayPush(values, 'value' in descriptor ? descriptor.value : get(value, key));
  }
  return { keys, values };
}

/** One part of grader data, copied for learner code: data is copied into the same table, anything else crosses. */
function copyPartIn(part: unknown, copies: Map<object, unknown> | undefined): unknown {
  return (typeof part === 'object' && part !== null && !weakMapHas(learnerValueOf, part) && !weakMapHas(facadeOf, part))
    ? copyIn(part, copies)
    : toLearner(part);
}

/**
 * Deep-copies grader data for learner code (the tests' own data is never handed over). `copies` maps each part
 * copied so far to its copy, so a shared part stays shared and a cycle ends; it is made only once some part
 * holds an object, because most crossings (a message, a version, a list of numbers) hold none and a simulation
 * makes thousands of them.
 */
function copyIn(value: object, copies: Map<object, unknown> | undefined): unknown {
  if (copies !== undefined && mapHas(copies, value)) return mapGet(copies, value);
  const prototype = getPrototypeOf(value);
  if (isArray(value)) {
    const items = value as unknown[];
    const copy: unknown[] = [];
    if (copies === undefined && holdsObject(items)) copies = new GraderMap<object, unknown>();
    if (copies !== undefined) mapSet(copies, value, copy);
    for (let i = 0; i < items.length; i++) arrayPush(copy, copyPartIn(items[i], copies));
    return copy;
  }
  // Plain objects first: the brand checks below throw for everything that is not a Map, Set or Date.
  const plain = prototype === objectPrototype || prototype === null;
  if (!plain && isRealMap(value)) {
    const copy = new GraderMap();
    copies ??= new GraderMap<object, unknown>();
    mapSet(copies, value, copy);
    for (const [key, item] of entriesOfMap(value)) mapSet(copy, copyPartIn(key, copies), copyPartIn(item, copies));
    return copy;
  }
  if (!plain && isRealSet(value)) {
    const copy = new GraderSet();
    copies ??= new GraderMap<object, unknown>();
    mapSet(copies, value, copy);
    for (const item of valuesOfSet(value)) setAdd(copy, copyPartIn(item, copies));
    return copy;
  }
  if (!plain && isRealDate(value)) return new GraderDate(dateGetTime(value));
  if (plain) {
    const fields = plainFields(value);
    if (fields === undefined) return rememberFacade(value, graderObjectFacade(value, plain));
    const copy = create(prototype) as object;
    const { keys, values } = fields;
    if (copies === undefined && holdsObject(values)) copies = new GraderMap<object, unknown>();
    if (copies !== undefined) mapSet(copies, value, copy);
    for (let i = 0; i < keys.length; i++) defineData(copy, keys[i]!, copyPartIn(values[i], copies));
    return copy;
  }
  return rememberFacade(value, graderObjectFacade(value, plain));
}

// ---------------------------------------------------------------------------------------------------------
// The learner's module
// ---------------------------------------------------------------------------------------------------------

/**
 * One export of the learner's module as the tests see it: read once (reading can run a learner getter) and
 * crossed out; undefined when the module does not export it. What learner code throws comes back as a
 * `LearnerThrow`.
 */
export function exportFromLearner(exports: object, name: string): unknown {
  return callingLearner(() => {
    const own = getOwnPropertyDescriptor(exports, name);
    if (own === undefined) return undefined;
    return fromLearner('value' in own ? own.value : get(exports, name), name);
  });
}
