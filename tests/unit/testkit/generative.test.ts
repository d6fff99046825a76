/**
 * The generative checks: the shrunk case they report, that a seed replays it, the judge, and faults of the tests'
 * own, which end a check as they are rather than counting as a difference.
 */
import { describe, expect, it } from 'vitest';
import { answerOf, checkAgainstReference, checkObjectsAgainstReference, fc, show } from '../../../src/testkit/generative.ts';
import { caughtViolation } from './caught-violation.ts';


const reference = (values: number[], limit: number): number => values.filter((value) => value >= limit).length;
const strictlyAbove = (values: number[], limit: number): number => values.filter((value) => value > limit).length;
const countInputs = fc.tuple(fc.array(fc.nat(100), { maxLength: 10 }), fc.nat(100));

describe('checkAgainstReference', () => {
  it('passes when the learner answers as the reference does', () => {
    expect(() => checkAgainstReference({ name: 'countAtLeast', seed: 1, runs: 100, inputs: countInputs, learner: (values, limit) => values.filter((v) => !(v < limit)).length, reference })).not.toThrow();
  });

  it('fails with the smallest differing call, both answers and the seed', () => {
    const violation = caughtViolation(() => checkAgainstReference({ name: 'countAtLeast', seed: 7, runs: 100, inputs: countInputs, learner: strictlyAbove, reference }));
    // Shrunk to one value exactly at the limit: the boundary the mistake is about.
    const [, value, limit] = /^countAtLeast\(\[(\d+)\], (\d+)\) should return 1, but yours returned 0\.$/.exec(violation.property) ?? [];
    expect(value).toBeDefined();
    expect(value).toBe(limit);
    expect(violation.seed).toBe(7);
    expect(violation.trace.slice(0, 3)).toEqual([`call:     countAtLeast([${value}], ${limit})`, 'yours:    0', 'expected: 1']);
  });

  it('replays the same case from the same seed', () => {
    const run = () => caughtViolation(() => checkAgainstReference({ name: 'f', seed: 42, runs: 50, inputs: fc.array(fc.integer(), { minLength: 3 }).map((a): [number[]] => [a]), learner: (a) => a.length, reference: (a) => Math.min(a.length, 3) }));
    expect(run().trace).toEqual(run().trace);
  });

  it('accepts any answer the judge accepts, and reports its sentence otherwise', () => {
    const inputs = fc.tuple(fc.nat(50));
    expect(() => checkAgainstReference({ name: 'half', seed: 3, runs: 50, inputs, learner: (n) => Math.floor(n / 2), reference: (n) => Math.ceil(n / 2), judge: (got, _e, [n]) => ('returned' in got && Math.abs(got.returned - n / 2) <= 0.5 ? null : 'should be within ½ of n/2.') })).not.toThrow();
    const violation = caughtViolation(() => checkAgainstReference({ name: 'half', seed: 3, runs: 50, inputs, learner: (n) => n, reference: (n) => n / 2, judge: (got, _e, [n]) => ('returned' in got && Math.abs(got.returned - n / 2) <= 0.5 ? null : 'should be within ½ of n/2.') }));
    expect(violation.property).toBe('half(2) should be within ½ of n/2.');
  });

  it('counts numbers equal within a relative 1e-9, as sums in another order give', () => {
    const values = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }).map((a): [number[]] => [a]);
    expect(() => checkAgainstReference({ name: 'sum', seed: 5, runs: 100, inputs: values, learner: (a) => [...a].reverse().reduce((s, v) => s + v, 0), reference: (a) => a.reduce((s, v) => s + v, 0) })).not.toThrow();
  });

  it('ends with a fault of the tests’ own, not a difference', () => {
    const fault = new Error('the tests tripped');
    expect(() => checkAgainstReference({ name: 'f', seed: 1, runs: 10, inputs: fc.tuple(fc.nat()), learner: (_n: number): number => { throw fault; }, reference: (n: number) => n })).toThrow(fault);
  });
});

describe('cases generated once per worker', () => {
  /** Inputs that count how many cases fast-check has generated from them. */
  const countedInputs = () => {
    const generated = { count: 0 };
    const inputs = fc.tuple(fc.array(fc.nat(100), { maxLength: 10 }), fc.nat(100)).map((args): [number[], number] => {
      generated.count += 1;
      return args;
    });
    return { inputs, generated };
  };

  it('answers a check that passed before from the cases it generated then', () => {
    const { inputs, generated } = countedInputs();
    checkAgainstReference({ name: 'countAtLeast', seed: 11, runs: 80, inputs, learner: reference, reference });
    expect(generated.count).toBe(80);
    let asked = 0;
    checkAgainstReference({ name: 'countAtLeast', seed: 11, runs: 80, inputs, learner: (values, limit) => (asked++, reference(values, limit)), reference });
    expect(asked).toBe(80);
    expect(generated.count).toBe(80);
    // Another seed or number of runs is another set of cases.
    checkAgainstReference({ name: 'countAtLeast', seed: 12, runs: 80, inputs, learner: reference, reference });
    expect(generated.count).toBe(160);
  });

  it('fails on the same case, shrunk the same way, as a check that generates its cases afresh', () => {
    const known = countedInputs();
    checkAgainstReference({ name: 'countAtLeast', seed: 13, runs: 100, inputs: known.inputs, learner: reference, reference });
    const fromKnown = caughtViolation(() => checkAgainstReference({ name: 'countAtLeast', seed: 13, runs: 100, inputs: known.inputs, learner: strictlyAbove, reference }));
    const fresh = caughtViolation(() => checkAgainstReference({ name: 'countAtLeast', seed: 13, runs: 100, inputs: countedInputs().inputs, learner: strictlyAbove, reference }));
    expect(fromKnown.property).toBe(fresh.property);
    expect(fromKnown.trace).toEqual(fresh.trace);
    expect(fromKnown.difference).toEqual(fresh.difference);
  });

  it('still fails code that answers a case differently when it is asked again', () => {
    const { inputs } = countedInputs();
    checkAgainstReference({ name: 'countAtLeast', seed: 14, runs: 100, inputs, learner: reference, reference });
    // Wrong on the 20th call only: the replay of that case is the 21st call, which is right again.
    let calls = 0;
    const violation = caughtViolation(() => checkAgainstReference({ name: 'countAtLeast', seed: 14, runs: 100, inputs, learner: (values, limit) => (++calls === 20 ? -1 : reference(values, limit)), reference }));
    expect(violation.property).toMatch(/^countAtLeast\(.*\) should return \d+, but yours returned -1\.$/);
    expect(violation.trace.at(-1)).toBe('the smallest generated case found where your answer differs (seed 14, case 20, 0 smaller cases tried)');
  });
});

class Counter {
  private count = 0;
  add(amount: number): number {
    this.count += amount;
    return this.count;
  }
}

/** Shares one count between every instance: right for one instance, wrong side by side. */
let shared = 0;
class SharedCounter {
  constructor() {
    shared = 0;
  }
  add(amount: number): number {
    shared += amount;
    return shared;
  }
}

describe('checkObjectsAgainstReference', () => {
  const check = { make: 'new Counter', makeArgs: fc.constant([] as []), call: fc.nat(3).map((amount) => ({ method: 'add', args: [amount] })), seed: 9, runs: 100 };

  it('fails with the shortest run of calls that differs, shown as code', () => {
    const violation = caughtViolation(() => checkObjectsAgainstReference({ ...check, instances: 2, learner: () => new SharedCounter(), reference: () => new Counter() }));
    // The shortest run that shows it: one instance adds, the other then sees that count.
    expect(violation.property).toMatch(/^After the calls shown, ([ab])\.add\(\d\) should return \d, but yours returned \d\.$/);
    expect(violation.trace.slice(0, 2)).toEqual(['const a = new Counter();', 'const b = new Counter();']);
    expect(violation.trace[2]).toMatch(/^([ab])\.add\([1-3]\) {2}\/\/ [1-3]$/);
    expect(violation.trace[3]).toMatch(/^([ab])\.add\(\d\) {2}\/\/ yours: \d; expected: \d$/);
    expect(violation.trace[2]![0]).not.toBe(violation.trace[3]![0]);
    expect(violation.trace).toHaveLength(5);
  });

  it('passes one instance of the same mistake, which nothing can tell apart', () => {
    expect(() => checkObjectsAgainstReference({ ...check, instances: 1, learner: () => new SharedCounter(), reference: () => new Counter() })).not.toThrow();
  });

  /** A grow-only maximum that replicas merge; the wrong one adds what it merges instead of keeping the larger. */
  class MaxRegister {
    value = 0;
    raise(to: number): number {
      this.value = Math.max(this.value, to);
      return this.value;
    }
    state(): number {
      return this.value;
    }
    merge(other: number): number {
      this.value = Math.max(this.value, other);
      return this.value;
    }
  }
  class AddingRegister extends MaxRegister {
    override merge(other: number): number {
      this.value += other;
      return this.value;
    }
  }
  const replicaCalls = fc.oneof(
    fc.nat(5).map((to) => ({ method: 'raise', args: [to] })),
    fc.nat(3).map((from) => ({ method: 'merge', args: [answerOf(from, 'state')] })),
  );

  it('passes another object\'s answer, taken on the same side, where a call says answerOf, and shows it as that call', () => {
    const replicas = { make: 'new MaxRegister', makeArgs: fc.constant([] as []), instances: 3, call: replicaCalls, seed: 11, runs: 100 };
    expect(() => checkObjectsAgainstReference({ ...replicas, learner: () => new MaxRegister(), reference: () => new MaxRegister() })).not.toThrow();
    const violation = caughtViolation(() => checkObjectsAgainstReference({ ...replicas, learner: () => new AddingRegister(), reference: () => new MaxRegister() }));
    expect(violation.property).toMatch(/^After the calls shown, [abc]\.merge\([abc]\.state\(\)\) should return \d, but yours returned \d\.$/);
  });

  it('generates call sequences as long as maxCalls, not only the ten fast-check keeps arrays to by default', () => {
    let longest = 0;
    class Recorder extends MaxRegister {
      calls = 0;
      override raise(to: number): number {
        longest = Math.max(longest, ++this.calls);
        return super.raise(to);
      }
    }
    const calls = fc.nat(5).map((to) => ({ method: 'raise', args: [to] }));
    checkObjectsAgainstReference({ make: 'new MaxRegister', makeArgs: fc.constant([] as []), call: calls, maxCalls: 40, seed: 13, runs: 50, learner: () => new Recorder(), reference: () => new MaxRegister() });
    expect(longest).toBeGreaterThan(30);
    expect(longest).toBeLessThanOrEqual(40);
  });

  it('makes each instance from its own arguments when makeArgs is given the instance index', () => {
    /** An object that only says the id it was made with. */
    class Named {
      readonly id: string;
      constructor(id: string) {
        this.id = id;
      }
      name(): string {
        return this.id;
      }
    }
    const ids = ['A', 'B', 'C'];
    const made: string[] = [];
    checkObjectsAgainstReference({
      make: (args) => `new Named(${JSON.stringify(args[0])})`, makeArgs: (i: number) => fc.constant([ids[i]!] as [string]), instances: 3,
      call: fc.constant({ method: 'name', args: [] }), seed: 14, runs: 5,
      learner: (id) => (made.push(id), new Named(id)), reference: (id) => new Named(id),
    });
    expect(made.slice(0, 3)).toEqual(ids);
  });

  it('leaves out, on both sides, a call the prompt does not promise to handle', () => {
    const calls = fc.integer({ min: -3, max: 3 }).map((to) => ({ method: 'raise', args: [to] }));
    /** Wrong only for negative input, which the prompt (here) rules out. */
    class Unchecked extends MaxRegister {
      override raise(to: number): number {
        return to < 0 ? -1 : super.raise(to);
      }
    }
    const base = { make: 'new MaxRegister', makeArgs: fc.constant([] as []), call: calls, seed: 12, runs: 100, learner: () => new Unchecked(), reference: () => new MaxRegister() };
    expect(() => checkObjectsAgainstReference(base)).toThrow();
    expect(() => checkObjectsAgainstReference({ ...base, valid: (call) => (call.args[0] as number) >= 0 })).not.toThrow();
  });
});

describe('checkObjectsAgainstReference with a clock', () => {
  /** A lease held for 10 ms from when it was taken: `take(now)` and `held(now)` are told the time by their caller. */
  class Lease {
    since: number | null = null;
    take(now: number): boolean {
      if (this.held(now)) return false;
      this.since = now;
      return true;
    }
    held(now: number): boolean {
      return this.since !== null && now < this.since + 10;
    }
    /** When the lease runs out, for the clock's deadline. */
    expiry(): number | undefined {
      return this.since === null ? undefined : this.since + 10;
    }
  }
  /** Wrong only in the millisecond the lease runs out: it still counts itself held. */
  class OneMsLong extends Lease {
    override held(now: number): boolean {
      return this.since !== null && now <= this.since + 10;
    }
  }
  const calls = fc.constantFrom({ method: 'take', args: [] }, { method: 'held', args: [] });
  const leases = { make: 'new Lease', makeArgs: fc.constant([] as []), call: calls, maxCalls: 8, seed: 21, runs: 100 };

  it('gives every call a time of its own at the position asked for, never earlier than the one before, from startMs on', () => {
    const seen: number[][] = [];
    class Watched extends Lease {
      readonly times: number[] = [];
      constructor() {
        super();
        seen.push(this.times);
      }
      override take(now: number): boolean {
        this.times.push(now);
        return super.take(now);
      }
    }
    checkObjectsAgainstReference({ ...leases, clock: { startMs: 500, advance: fc.constantFrom(0, 1, 7, 20) }, learner: () => new Watched(), reference: () => new Lease() });
    const times = seen.flat();
    expect(times.length).toBeGreaterThan(50);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(500);
    expect(seen.every((run) => run.every((now, i) => i === 0 || now >= run[i - 1]!))).toBe(true);
    // Time standing still is part of the domain: two calls in the same millisecond come up.
    expect(seen.some((run) => run.some((now, i) => i > 0 && now === run[i - 1]))).toBe(true);

    const at: number[] = [];
    class First {
      call(now: number, what: string): string {
        at.push(now);
        return what;
      }
    }
    const first = { method: 'call', args: ['x'] };
    checkObjectsAgainstReference({ make: 'new First', makeArgs: fc.constant([] as []), call: fc.constant(first), clock: { advance: fc.nat(3), position: 0 }, seed: 22, runs: 10, learner: () => new First(), reference: () => new First() });
    expect(at.length).toBeGreaterThan(0);
    expect(at.every((now) => Number.isInteger(now) && now >= 0)).toBe(true);
  });

  it('lands on the deadline the reference names, or 1 ms either side: an edge a random walk of time misses', () => {
    const walk = { ...leases, learner: () => new OneMsLong(), reference: () => new Lease() };
    // Steps of 0, 1 or 50 ms seldom add up to exactly 10 in a run of eight calls.
    expect(() => checkObjectsAgainstReference({ ...walk, clock: { advance: fc.constantFrom(0, 1, 50) } })).not.toThrow();
    const violation = caughtViolation(() =>
      checkObjectsAgainstReference({ ...walk, clock: { advance: fc.constantFrom(0, 1, 50), deadline: (_call, reference) => (reference as Lease).expiry() } }),
    );
    expect(violation.property).toMatch(/^After the calls shown, a\.(held|take)\((\d+)\) should return (true|false), but yours returned (true|false)\.$/);
    // The shown run carries the times: the lease was taken 10 ms before the call that differs.
    const taken = Number(/^a\.take\((\d+)\) {2}\/\/ true$/.exec(violation.trace[1]!)?.[1]);
    const differs = Number(/^a\.\w+\((\d+)\)/.exec(violation.trace.at(-2)!)?.[1]);
    expect(differs - taken).toBe(10);
  });

  it('judges validity with the call\'s time in place, and a call left out moves time no further', () => {
    /** Per run, each call's time as `valid` saw it and whether it was made; a new run starts at a new object. */
    const runs: [now: number, made: boolean][][] = [];
    class Fresh extends Lease {
      constructor() {
        super();
        runs.push([]);
      }
    }
    checkObjectsAgainstReference({
      ...leases, call: fc.constant({ method: 'held', args: [] }), clock: { advance: fc.constantFrom(1, 100) },
      // Calls at an even millisecond only: the rest are left out on both sides.
      valid: (call) => {
        const now = call.args[0] as number;
        runs.at(-1)!.push([now, now % 2 === 0]);
        return now % 2 === 0;
      },
      learner: () => new Fresh(), reference: () => new Lease(),
    });
    const steps = runs.flatMap((run) => run.map(([now], i) => now - (run.slice(0, i).findLast(([, made]) => made)?.[0] ?? 0)));
    expect(runs.flat().some(([, made]) => !made)).toBe(true);
    // Every time is one advance past the last call made, however many were left out in between.
    expect(steps.every((step) => step === 1 || step === 100)).toBe(true);
  });
});

describe('show', () => {
  it('writes values as code, and cuts a long one saying so', () => {
    expect(show([{ id: 1, 'two words': 'x' }, new Map([[1, new Set([2])]]), -0, undefined, null])).toBe('[{ id: 1, "two words": "x" }, new Map([[1, new Set([2])]]), -0, undefined, null]');
    expect(show('x'.repeat(1000))).toBe(`"${'x'.repeat(599)}… (the rest cut)`);
    // Rendering stops at the limit, so a value of megabytes is shown as quickly as a short one.
    expect(show(Array.from({ length: 6 }, () => 'x'.repeat(3_000_000)))).toBe(`["${'x'.repeat(598)}… (the rest cut)`);
    expect(show({ a: [1, 2], 'b c': new Map([[1, 'one']]) })).toBe('{ a: [1, 2], "b c": new Map([[1, "one"]]) }');
  });
});
