/**
 * The boundary between learner code and the grader (src/testkit/boundary): what crosses, as what, and what is
 * refused. Learner code here is ordinary functions standing in for a learner's module.
 */
import { describe, expect, it } from 'vitest';
import { exportFromLearner, fromLearner, isLearnerHandle, receivesLater, toLearner } from '../../../src/testkit/boundary/membrane.ts';
import { isBoundaryRefusal } from '../../../src/testkit/boundary/refusal.ts';
import { isLearnerThrow } from '../../../src/testkit/boundary/learner-throw.ts';
import { runInTestContext } from '../../../src/testkit/context.ts';
import { expect as testkitExpect } from '../../../src/testkit/expect.ts';

type Fn = (...args: unknown[]) => unknown;

/** Crosses a learner function out, as the runner does with an export. */
const exported = <T extends Fn>(fn: T): T => fromLearner(fn) as T;

function refusalOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isBoundaryRefusal(error)) return error.message;
    throw error;
  }
  throw new Error('nothing was refused');
}

describe('values out of learner code', () => {
  it('copies plain data once, into objects the learner cannot reach', () => {
    const learnerValue = { list: [1, 2, { deep: 'yes' }], map: new Map([['k', new Set([1])]]), when: new Date(5) };
    const copy = fromLearner(learnerValue) as typeof learnerValue;
    expect(copy).toEqual(learnerValue);
    expect(copy).not.toBe(learnerValue);
    expect(copy.list).not.toBe(learnerValue.list);
    learnerValue.list.push(4);
    (learnerValue.list[2] as { deep: string }).deep = 'changed';
    expect(copy.list).toEqual([1, 2, { deep: 'yes' }]);
  });

  it('reads each property exactly once, so a value cannot answer differently on a second look', () => {
    let reads = 0;
    const shifty = new Proxy({ answer: 1 }, {
      getOwnPropertyDescriptor(target, key) {
        reads += 1;
        return { ...Reflect.getOwnPropertyDescriptor(target, key)!, value: reads };
      },
    });
    const copy = fromLearner(shifty) as { answer: number };
    expect(copy.answer).toBe(1);
    expect(copy.answer).toBe(1);
    expect(reads).toBe(1);
  });

  it('keeps shared parts and cycles as they were', () => {
    const shared = { n: 1 };
    const cyclic: { self?: unknown; a: unknown; b: unknown } = { a: shared, b: shared };
    cyclic.self = cyclic;
    const copy = fromLearner(cyclic) as typeof cyclic;
    expect(copy.self).toBe(copy);
    expect(copy.a).toBe(copy.b);
  });

  it('copies a `__proto__` key as data, never as a prototype', () => {
    const copy = fromLearner(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('copies keys named like inherited members (`toString`, `push`, `constructor`) as own data, both ways', () => {
    const learnerValue = { toString: 'text', constructor: 1, list: Object.assign([1], { push: 'not a method' }) };
    const copy = fromLearner(learnerValue) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(copy, 'toString')?.value).toBe('text');
    expect(Object.getOwnPropertyDescriptor(copy, 'constructor')?.value).toBe(1);
    expect(Object.getOwnPropertyDescriptor(copy.list, 'push')?.value).toBe('not a method');
    const handedOver = toLearner({ hasOwnProperty: 2, valueOf: 'v' }) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(handedOver, 'hasOwnProperty')?.value).toBe(2);
    expect(Object.getOwnPropertyDescriptor(handedOver, 'valueOf')?.value).toBe('v');
  });

  it('copies a Map subclass as a Map, and treats a real Map given a foreign prototype as behaviour', () => {
    class Tally extends Map<string, number> {}
    const copy = fromLearner(new Tally([['a', 1]]));
    expect(copy).toBeInstanceOf(Map);
    expect(Object.getPrototypeOf(copy)).toBe(Map.prototype);
    expect([...(copy as Map<string, number>)]).toEqual([['a', 1]]);
    class Disguised {
      size(): number {
        return 0;
      }
    }
    const disguised = Object.setPrototypeOf(new Map([['a', 1]]), Disguised.prototype) as object;
    expect(isLearnerHandle(fromLearner(disguised))).toBe(true);
    const fake = Object.create(Map.prototype) as object;
    expect(isLearnerHandle(fromLearner(fake))).toBe(true);
  });

  it.each([
    ['a symbol', Symbol('s'), /^Your code gave the tests a symbol\./],
    ['a symbol-keyed property', { [Symbol.for('nodejs.util.inspect.custom')]: 1 }, /a symbol-keyed property/],
    ['a getter', { get delay() { return 1; } }, /a getter or setter `delay`/],
    ['a getter among array elements', Object.defineProperty([1, 2], 1, { get: () => 2, enumerable: true }), /a getter or setter `1`/],
    ['a symbol-keyed property of an array', Object.assign([1, 2], { [Symbol('s')]: 1 }), /a symbol-keyed property/],
    ['a Promise', Promise.resolve(1), /a Promise \(exercises are synchronous/],
    ['a typed array', new Uint8Array(2), /a typed array/],
    ['a regular expression', /x/, /a regular expression/],
  ])('refuses %s with a plain sentence', (_kind, value, message) => {
    expect(refusalOf(() => fromLearner(value))).toMatch(message);
  });

  it('copies arrays as they are: holes, a length past the last element and named keys, without visiting absent indices', () => {
    const sparse: unknown[] = [1, , 3];
    sparse.length = 5;
    const copiedSparse = fromLearner(sparse) as unknown[];
    expect(copiedSparse).toHaveLength(5);
    expect(Object.keys(copiedSparse)).toEqual(['0', '2']);
    const named = fromLearner(Object.assign([1, 2], { note: 'kept' })) as unknown[] & { note?: string };
    expect([...named]).toEqual([1, 2]);
    expect(named.note).toBe('kept');
    const far: unknown[] = [];
    far[4_000_000_000] = 'last';
    const copiedFar = fromLearner(far) as unknown[];
    expect(copiedFar).toHaveLength(4_000_000_001);
    expect(copiedFar[4_000_000_000]).toBe('last');
    // A property that is not enumerable is not copied, so a getter there is never run.
    const hidden = Object.defineProperty([1, 2], 'hidden', { get: () => { throw new Error('the getter ran'); }, enumerable: false });
    expect(fromLearner(hidden)).toEqual([1, 2]);
  });

  it('refuses values too large, too long or too deep, and says where', () => {
    expect(refusalOf(() => fromLearner(Array.from({ length: 100_001 }, () => 0)))).toMatch(/more than 100,000 parts/);
    expect(refusalOf(() => fromLearner(['x'.repeat(1_000_001)]))).toMatch(/more than 1,000,000 characters of text/);
    let deep: unknown = 0;
    for (let i = 0; i < 500; i++) deep = { inner: deep };
    // The path is shown by its end, nearest the problem.
    expect(refusalOf(() => fromLearner(deep))).toMatch(/nested more than 100 levels deep \(at `…[.a-z]*inner\.inner`\)\./);
  });

  it('names where a refused primitive sits, inside arrays, objects and Maps', () => {
    expect(refusalOf(() => fromLearner({ list: [1, Symbol('s')] }))).toMatch(/a symbol \(at `list\[1\]`\)\./);
    expect(refusalOf(() => fromLearner(new Map([['k', { 'odd key': Symbol('s') }]])))).toMatch(/a symbol \(at `get\(…\)\["odd key"\]`\)\./);
    expect(refusalOf(() => fromLearner({ text: ['x'.repeat(1_000_001)] }))).toMatch(/characters of text \(at `text\[0\]`\)\./);
  });

  it('turns functions and objects with methods into handles whose calls and reads cross again', () => {
    class Counter {
      count = 0;
      add(amount: { by: number }): { count: number } {
        this.count += amount.by;
        return { count: this.count };
      }
    }
    const LearnerCounter = exported(Counter as unknown as Fn) as unknown as typeof Counter;
    const counter = new LearnerCounter();
    expect(isLearnerHandle(counter)).toBe(true);
    expect(counter.add({ by: 2 })).toEqual({ count: 2 });
    expect(counter.count).toBe(2);
    expect(counter.add).toBe(counter.add);
    expect(Object.getPrototypeOf(counter)).toBeNull();
  });

  it('carries what learner code throws across as a copy, and lets the tests\' own errors through', () => {
    const throwsNull = exported(() => {
      throw null;
    });
    const error = (() => {
      try {
        throwsNull();
      } catch (caught) {
        return caught;
      }
    })();
    expect(isLearnerThrow(error)).toBe(true);
    expect((error as { description: string }).description).toBe('Your code threw null.');

    const ours = new Error('from the tests');
    const passesOn = exported((callback: unknown) => (callback as Fn)());
    expect(() => passesOn(() => { throw ours; })).toThrow(ours);
  });

  it('reads an export once, even through a getter', () => {
    let reads = 0;
    const moduleExports = {};
    Object.defineProperty(moduleExports, 'answer', { get: () => (reads++ === 0 ? () => 42 : 'not a function') });
    const answer = exportFromLearner(moduleExports, 'answer') as Fn;
    expect(answer()).toBe(42);
    expect(answer()).toBe(42);
    expect(reads).toBe(1);
  });
});

describe('values into learner code', () => {
  it('hands over copies of data, so learner code cannot change what the tests later read', () => {
    const truth = { rows: [1, 2, 3], options: { cap: 10 } };
    const vandal = exported((given: unknown) => {
      const value = given as typeof truth;
      value.rows.length = 0;
      value.options.cap = 0;
    });
    vandal(truth);
    expect(truth).toEqual({ rows: [1, 2, 3], options: { cap: 10 } });
  });

  it('hands over an object with behaviour as a frozen facade of bound methods, without its fields', () => {
    class Database {
      reads = 0;
      get(key: string): string {
        this.reads += 1;
        return `row ${key}`;
      }
    }
    const db = new Database();
    const facade = toLearner(db) as Record<string, unknown>;
    expect(Object.isFrozen(facade)).toBe(true);
    expect(facade.reads).toBeUndefined();
    expect((facade.get as Fn)('a')).toBe('row a');
    expect(db.reads).toBe(1);
    expect(() => {
      'use strict';
      facade.reads = 0;
    }).toThrow(TypeError);
    expect(fromLearner(facade)).toBe(db);
  });

  it('copies what learner code passes to a callback of the tests, when it passes it', () => {
    const seen: unknown[] = [];
    const record = (value: unknown): void => void seen.push(value);
    const mutatesAfterwards = exported((callback: unknown) => {
      const batch = [1, 2];
      (callback as Fn)(batch);
      batch.length = 0;
    });
    mutatesAfterwards(record);
    expect(seen).toEqual([[1, 2]]);
  });

  it('lets a callback made with receivesLater read the value as it is later, as a real receiver would', () => {
    const readers: Array<() => number[]> = [];
    const keep = receivesLater((read: () => number[]) => void readers.push(read));
    const clearsAfterHandingOver = exported((callback: unknown) => {
      const batch = [1, 2];
      (callback as Fn)(batch);
      batch.length = 0;
    });
    clearsAfterHandingOver(keep);
    expect(readers[0]!()).toEqual([]);
    // Called by the tests' own code, each reader answers the argument itself.
    keep([7]);
    expect(readers[1]!()).toEqual([7]);
  });

  it('keeps a failed check raised in a callback of the tests, even when learner code swallows it', () => {
    const swallows = exported((callback: unknown) => {
      try {
        (callback as Fn)();
      } catch {
        // hiding the failure
      }
      return 'fine';
    });
    const { outcome } = runInTestContext(() => {
      swallows(() => testkitExpect(1, 'the check inside the callback').toBe(2));
    });
    expect(outcome.threw).toBe(true);
  });

  it('copies a plain object of the tests field by field: a getter is read, hidden properties stay behind, a method makes a facade', () => {
    let reads = 0;
    const withGetter = {
      n: 1,
      get later(): number {
        reads += 1;
        return 2;
      },
    };
    expect(toLearner(withGetter)).toEqual({ n: 1, later: 2 });
    expect(reads).toBe(1);
    const hidden = Object.defineProperty({ shown: 1 }, 'hidden', { value: 2, enumerable: false });
    expect(Object.getOwnPropertyNames(toLearner(hidden))).toEqual(['shown']);
    const withMethod = toLearner({ now: 5, send: (to: string) => `sent to ${to}` }) as Record<string, unknown>;
    expect(Object.isFrozen(withMethod)).toBe(true);
    expect((withMethod.send as Fn)('B')).toBe('sent to B');
  });

  it('keeps a getter of the tests that returns a function a field, handed over as a wrapper', () => {
    const handedOver = toLearner({
      get make(): Fn {
        return (x: unknown) => [x];
      },
    }) as Record<string, unknown>;
    expect(Object.isFrozen(handedOver)).toBe(false);
    expect((handedOver.make as Fn)(3)).toEqual([3]);
  });

  it('lets `expect` refuse learner behaviour where it compares data', () => {
    const impostor = exported(() => ({ asymmetricMatch: () => true }))();
    expect(() => testkitExpect([impostor]).toEqual([0])).toThrow(/an object with methods \(`asymmetricMatch`\) where they compare plain data/);
  });
});
