/**
 * Generative, differential tests: fast-check generates inputs over the whole domain a prompt states, the
 * learner's export and the exercise's reference solution (`solution.ts`, imported by the hidden tests) answer
 * each one, and the first difference is shrunk to the smallest input where they disagree. That input fails
 * the test as one `PropertyViolation`: the call as code the learner can paste, their answer, the expected one,
 * and the seed.
 *
 * Deterministic: every check names its own seed, fast-check draws from that seed alone (never from
 * `Math.random`, which the sealed realm replaces anyway), so the same seed generates, and shrinks to, the same
 * case in Node and in the browser.
 *
 * Inputs: the learner receives copies made by the boundary, the reference a copy made here, so neither can
 * change the generated value the other sees, nor the value shown in the failure. Changing an argument in place
 * is therefore harmless to grading; where a prompt's contract makes it observable (a value handed over and read
 * later), the tests hand learner code a callback made with `receivesLater`, which reads the learner's value as
 * it is when it is read.
 */
import fastCheck from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { isLearnerThrow } from './boundary/learner-throw.ts';
import { isLearnerHandle } from './boundary/membrane.ts';
import { PropertyViolation } from './violation.ts';
import { answerDiff } from './answer-difference.ts';
import type { AnswerDifference } from '../runner/contract.ts';

/** fast-check, the one copy every check uses: its generators (`fc.nat`, `fc.array`, `fc.oneof`, …) build `inputs`. */
export const fc: typeof fastCheck = fastCheck;

/** How one side answered a call: a value it returned, or a sentence saying what it threw. */
export type Answer<Result> = { readonly returned: Result } | { readonly threw: string };

/** The generated cases of one check: how many, from which seed. */
export interface GenerativeRuns {
  /** The seed that generates (and replays) every case of this check; shown with a failure. */
  readonly seed: number;
  /** How many generated cases to try. Tune it by the measured test time, never by narrowing the inputs. */
  readonly runs: number;
}

/** A differential check of one exported function; see `checkAgainstReference`. */
export interface FunctionCheck<Args extends unknown[], Result> extends GenerativeRuns {
  /** The function's name as the learner calls it: the shown call reads `name(arg, …)`. */
  readonly name: string;
  /** Generates argument lists over the whole domain the prompt states. */
  readonly inputs: Arbitrary<Args>;
  /** The learner's export. */
  readonly learner: (...args: Args) => Result;
  /** The reference solution's export. */
  readonly reference: (...args: Args) => Result;
  /**
   * Where the prompt allows several right answers: judges the learner's answer and returns what is wrong with
   * it in one sentence, or `null` when it is right. The default demands the reference's answer (numbers within
   * a relative 1e-9, a throw where the reference throws).
   */
  readonly judge?: (got: Answer<Result>, expected: Answer<Result>, args: Args) => string | null;
}

/** One call in a model run: which of the side-by-side instances, which method, which arguments. */
export interface MethodCall {
  readonly instance: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

/**
 * An argument of a generated call that is another object's answer, taken on the same side when the call runs:
 * `a.merge(b.state())` merges the learner's `b` into the learner's `a`, and the reference's into the reference's.
 * Made by `answerOf`; shown as the call it stands for.
 */
export interface AnswerOf {
  readonly instance: number;
  readonly method: string;
}

const answerMarkers = new WeakSet<object>();

/**
 * An argument standing for what `method()` of the `instance`-th object answers when the call runs (an index
 * past the last instance wraps around). For objects that take each other's state: replicas merging, a client
 * handed a token another one issued.
 *
 * @example
 * call: fc.nat(2).map((from) => ({ method: 'merge', args: [answerOf(from, 'state')] })),
 */
export function answerOf(instance: number, method: string): AnswerOf {
  const marker = Object.freeze({ instance, method });
  answerMarkers.add(marker);
  return marker;
}

const isAnswerOf = (value: unknown): value is AnswerOf => typeof value === 'object' && value !== null && answerMarkers.has(value);

/** A model-based differential check of objects with state; see `checkObjectsAgainstReference`. */
export interface ObjectCheck<MakeArgs extends unknown[]> extends GenerativeRuns {
  /**
   * How one object is made, as the learner writes it: `new Name` or `createThing`, and the run shows
   * `const a = new Name(…generated arguments)`; or a function that writes the whole expression, for objects made
   * with collaborators the check does not generate (`() => "createRegister(new Disk('server'))"`).
   */
  readonly make: string | ((args: MakeArgs) => string);
  /**
   * Generates the arguments of one `make` call; or, given the instance's index, of that instance's call, for
   * objects that must differ (replicas with their own ids: `(i) => fc.constant([REPLICAS[i]])`).
   */
  readonly makeArgs: Arbitrary<MakeArgs> | ((instance: number) => Arbitrary<MakeArgs>);
  /** How many objects run side by side (each made from its own arguments); default 1. */
  readonly instances?: number;
  /** Generates one method call; which instance it goes to is drawn by the check. */
  readonly call: Arbitrary<Omit<MethodCall, 'instance'>>;
  /** The longest sequence of calls; default 30. */
  readonly maxCalls?: number;
  /**
   * Whether a generated call is one the prompt promises to handle, judged on the reference's object before the
   * call (`ack(id)` only for a job it handed out): a call outside the contract is left out on both sides and
   * never shown. The default: every call is.
   */
  readonly valid?: (call: MethodCall, reference: object) => boolean;
  /** Makes the learner's object (`(...args) => new learner.Name(...args)`); fresh collaborators are made here. */
  readonly learner: (...args: MakeArgs) => object;
  /** Makes the reference's object the same way, with collaborators of its own. */
  readonly reference: (...args: MakeArgs) => object;
  /** As for functions: judges one call's answer where several are right; the default demands the reference's. */
  readonly judge?: (got: Answer<unknown>, expected: Answer<unknown>, call: MethodCall) => string | null;
  /**
   * For objects told the time by their caller (`lookup(key, now)`): the check gives every call a `now` of its
   * own, never earlier than the last one, so the exercise states its clock rule once instead of writing the
   * conversation out by hand. `valid`, `judge` and the shown run see each call with its `now` in place.
   */
  readonly clock?: Clock;
}

/**
 * Generated time for `ObjectCheck.clock`. Each call moves time on by a generated `advance` (0 keeps it in the
 * same millisecond), or, where `deadline` names a moment for the call, lands on it or 1 ms either side when
 * that moment is still ahead: edges such as "expires exactly ttlMs after it arrived" come up in most runs,
 * which a random walk alone would seldom hit. Time never goes back, so the shown run reads as a caller's.
 */
export interface Clock {
  /** The first call's earliest time; default 0. */
  readonly startMs?: number;
  /** How far time moves before a call; never negative. Draw 0 and 1 often, and some long jumps. */
  readonly advance: Arbitrary<number>;
  /**
   * The moment the reference's object (before the call) says something changes for this call — the cached
   * copy expires, the lease runs out — or `undefined` when nothing does. About one call in three lands on it.
   */
  readonly deadline?: (call: Omit<MethodCall, 'instance'>, reference: object, instance: number) => number | undefined;
  /** Where `now` goes among a call's arguments; default: after the generated ones. */
  readonly position?: number;
}

/**
 * Runs `learner` and `reference` on generated arguments and fails with the smallest case where the learner's
 * answer differs from the reference's (or, with `judge`, where the judge finds it wrong).
 *
 * @example
 * // tests.ts: `import * as Reference from './solution.ts';`
 * checkAgainstReference({
 *   name: 'survivesOneFailure', seed: 1521, runs: 150,
 *   inputs: fc.tuple(fc.array(fc.nat(100), { maxLength: 6 }), fc.nat(200)),
 *   learner: learner.survivesOneFailure, reference: Reference.survivesOneFailure,
 * });
 */
export function checkAgainstReference<Args extends unknown[], Result>(check: FunctionCheck<Args, Result>): void {
  const judge = check.judge ?? sameAnswerJudge;
  runDifferential(check, check.inputs, [check.inputs], (args) => {
    const got = learnerAnswer(() => check.learner(...args));
    const expected = referenceAnswer(() => check.reference(...(copyData(args) as Args)));
    const problem = judge(got, expected, args);
    if (problem === null) return null;
    const call = `${check.name}(${args.map((arg) => show(arg)).join(', ')})`;
    return {
      property: `${call} ${problem}`,
      trace: [`call:     ${call}`, `yours:    ${showAnswer(got)}`, `expected: ${showAnswer(expected)}`],
      table: tableOf([], call, got, expected, check.judge === undefined ? undefined : problem),
    };
  });
}

/**
 * Model-based: makes `instances` objects with the learner's code and as many with the reference's, runs one
 * generated sequence of method calls on both (interleaved between the instances, state kept between calls),
 * compares every answer, and fails with the shortest sequence, with the smallest arguments, after which they
 * differ. The failure shows the whole run as code, each call with the answer it should give.
 *
 * @example
 * checkObjectsAgainstReference({
 *   make: 'new Cache', makeArgs: fc.tuple(fc.integer({ min: 1, max: 4 })), instances: 2, seed: 7, runs: 100,
 *   call: fc.oneof(
 *     fc.tuple(fc.nat(5), fc.nat(9)).map(([key, value]) => ({ method: 'put', args: [key, value] })),
 *     fc.nat(5).map((key) => ({ method: 'get', args: [key] })),
 *   ),
 *   learner: (size) => new learner.Cache(size), reference: (size) => new Reference.Cache(size),
 * });
 */
export function checkObjectsAgainstReference<MakeArgs extends unknown[]>(check: ObjectCheck<MakeArgs>): void {
  const count = check.instances ?? 1;
  const judge = check.judge ?? sameAnswerJudge;
  const clock = check.clock;
  // Per call: the instance, the call, and with a clock how far time moves and whether it lands on a deadline
  // (the nudge -1, 0 or 1), or null.
  const timing: Arbitrary<readonly [number, number | null]> =
    clock === undefined
      ? fc.constant([0, null] as const)
      : fc.tuple(
          clock.advance,
          clock.deadline === undefined
            ? fc.constant(null)
            : fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.integer({ min: -1, max: 1 }), weight: 1 }),
        );
  const runs = fc.tuple(
    typeof check.makeArgs === 'function'
      ? fc.tuple(...Array.from({ length: count }, (_, i) => (check.makeArgs as (instance: number) => Arbitrary<MakeArgs>)(i)))
      : fc.array(check.makeArgs, { minLength: count, maxLength: count }),
    fc.array(
      fc.tuple(fc.nat(count - 1), check.call, timing),
      // `size: 'max'`: without it fast-check keeps arrays to about ten elements whatever `maxLength` says.
      { maxLength: check.maxCalls ?? 30, size: 'max' },
    ),
  );
  const names = Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i));
  const makeLine = (i: number, args: MakeArgs): string =>
    `const ${names[i]} = ${typeof check.make === 'string' ? `${check.make}(${args.map((arg) => show(arg)).join(', ')})` : check.make(args)};`;
  const callLine = (call: MethodCall): string =>
    `${names[call.instance]}.${call.method}(${call.args.map((arg) => (isAnswerOf(arg) ? `${names[arg.instance % count]}.${arg.method}()` : show(arg))).join(', ')})`;
  // What the cases are generated from, for `knownCases`: `runs` itself is made anew by every call.
  const generatedBy = [check.call, check.makeArgs, count, check.maxCalls, clock?.advance, clock?.deadline === undefined];
  runDifferential(check, runs, generatedBy, ([makeArgs, calls]) => {
    const learnerObjects: object[] = [];
    const referenceObjects: object[] = [];
    for (const [i, args] of makeArgs.entries()) {
      const got = learnerAnswer(() => check.learner(...args));
      const expected = referenceAnswer(() => check.reference(...(copyData(args) as MakeArgs)));
      if ('threw' in got || 'threw' in expected) {
        const problem = judge(got, expected, { instance: i, method: 'constructor', args });
        if (problem === null) return null;
        const line = makeLine(i, args);
        const before = makeArgs.slice(0, i).map((earlier, j) => makeLine(j, earlier));
        return {
          property: `${line.slice(0, -1)} ${problem}`,
          trace: [...before, line, `yours:    ${showAnswer(got)}`, `expected: ${showAnswer(expected)}`],
          table: tableOf(before, line, got, expected, check.judge === undefined ? undefined : problem),
        };
      }
      learnerObjects.push(got.returned);
      referenceObjects.push(expected.returned);
    }
    // What passed, kept as data and written out only if a later call differs: a passing run shows nothing.
    const passed: [call: MethodCall, answer: Answer<unknown>][] = [];
    let now = clock?.startMs ?? 0;
    for (const [instance, generated, [advance, landing]] of calls) {
      const reference = referenceObjects[instance] as object;
      let call: MethodCall = { instance, method: generated.method, args: generated.args };
      let at = now;
      if (clock !== undefined) {
        // A negative advance from a generator written by mistake would turn time back: it stands still instead.
        at = now + Math.max(0, advance);
        const due = landing === null ? undefined : clock.deadline?.(generated, reference, instance);
        if (landing !== null && due !== undefined && due + landing > now) at = due + landing;
        const args = [...generated.args];
        args.splice(clock.position ?? args.length, 0, at);
        call = { instance, method: generated.method, args };
      }
      if (check.valid !== undefined && !check.valid(call, reference)) continue;
      now = at;
      const got = callMethod(learnerObjects, call, learnerAnswer);
      const expected = callMethod(referenceObjects, call, referenceAnswer);
      const problem = judge(got, expected, call);
      if (problem !== null) {
        const line = callLine(call);
        const before = [...makeArgs.map((args, i) => makeLine(i, args)), ...passed.map(([earlier, answer]) => `${callLine(earlier)}  // ${showAnswer(answer)}`)];
        return {
          property: `After the calls shown, ${line} ${problem}`,
          trace: [...before, `${line}  // yours: ${showAnswer(got)}; expected: ${showAnswer(expected)}`],
          table: tableOf(before, line, got, expected, check.judge === undefined ? undefined : problem),
        };
      }
      // An answer may be the reference's own state, which later calls change: a copy keeps it as it was.
      passed.push([call, 'returned' in expected ? { returned: copyData(expected.returned) } : expected]);
    }
    return null;
  });
}

/** How many smaller cases shrinking may try after the first difference. */
const maxShrinkSteps = 500;

interface Difference {
  readonly property: string;
  readonly trace: readonly string[];
  readonly table: DifferenceTable;
}

/** A failed case as the results' table shows it, less how it was found; the diff is worked out only if it is the one shown. */
interface DifferenceTable extends Omit<AnswerDifference, 'found' | 'diff'> {
  readonly diff: () => AnswerDifference['diff'];
}

/** The table of a failed case: `why` only from a judge of the test's own, since the default one restates the answers. */
function tableOf(before: readonly string[], call: string, got: Answer<unknown>, expected: Answer<unknown>, why: string | undefined): DifferenceTable {
  return {
    before: [...before],
    call,
    yours: showAnswer(got),
    expected: showAnswer(expected),
    ...(why === undefined ? {} : { why }),
    diff: () => ('returned' in got && 'returned' in expected ? answerDiff(expected.returned, got.returned) : undefined),
  };
}

/**
 * The cases of every check that passed in this worker, by what generated them (`generatedBy`: the arbitraries and
 * settings, compared by identity), its seed and its number of runs. A grading worker warms up by grading the
 * reference solution with the same hidden tests, and fast-check draws the same cases from the same seed every
 * time: the learner's run takes them from here instead of generating them again, which can cost as much as
 * answering them (batcher's generator runs the reference to keep its promise of a tick every millisecond).
 * Checks whose arbitraries are made inside the test body are new every grading and simply generate as before.
 */
const passedCases = new WeakMap<object, { readonly generatedBy: readonly unknown[]; readonly seed: number; readonly runs: number; readonly cases: readonly unknown[] }[]>();

function knownCases(generatedBy: readonly unknown[], runs: GenerativeRuns): readonly unknown[] | undefined {
  const entries = passedCases.get(generatedBy[0] as object);
  const same = entries?.find((entry) => entry.seed === runs.seed && entry.runs === runs.runs && entry.generatedBy.every((part, i) => part === generatedBy[i]));
  return same?.cases;
}

function rememberCases(generatedBy: readonly unknown[], runs: GenerativeRuns, cases: readonly unknown[]): void {
  const key = generatedBy[0] as object;
  const entries = passedCases.get(key) ?? [];
  entries.push({ generatedBy, seed: runs.seed, runs: runs.runs, cases });
  passedCases.set(key, entries);
}

/**
 * The fast-check run both checks share. `differs` answers one generated case; the last case it reports is the
 * shrunk one, since fast-check's shrinking ends on the smallest failing case. A verdict raised inside the case
 * (a value the boundary refused, a failed check of the tests' own) and a fault in the tests end the run and
 * are rethrown as they are.
 *
 * Cases already generated in this worker (`knownCases`) are answered in order without fast-check; at the first
 * difference, fast-check replays that very case from its run number (`path`) and shrinks it exactly as a run
 * from the start would have, since a run's case depends only on the seed and the run's number.
 */
function runDifferential<Input>(runs: GenerativeRuns, inputs: Arbitrary<Input>, generatedBy: readonly unknown[], differs: (input: Input) => Difference | null): void {
  let smallest: Difference | undefined;
  let fault: { readonly error: unknown } | undefined;
  let shrinkSteps = 0;
  const known = knownCases(generatedBy, runs);
  let replayFrom: { readonly run: number; readonly difference: Difference } | undefined;
  if (known !== undefined) {
    for (let run = 0; run < known.length && replayFrom === undefined; run++) {
      const difference = differs(known[run] as Input);
      if (difference !== null) replayFrom = { run, difference };
    }
    if (replayFrom === undefined) return;
  }
  const cases: Input[] = [];
  const details = fc.check(
    fc.property(inputs, (input) => {
      if (fault !== undefined) return true;
      // Shrinking stops trying after a bounded number of cases, keeping the smallest difference found so far, so
      // a slow learner answer still fails well within the time limit.
      if (smallest !== undefined && ++shrinkSteps > maxShrinkSteps) return true;
      if (smallest === undefined) cases.push(input);
      try {
        const difference = differs(input);
        if (difference === null) return true;
        smallest = difference;
        return false;
      } catch (error) {
        fault = { error };
        return true;
      }
    }),
    { seed: runs.seed, numRuns: runs.runs, ...(replayFrom === undefined ? {} : { path: String(replayFrom.run) }) },
  );
  if (fault !== undefined) throw fault.error;
  if (replayFrom === undefined && !details.failed) {
    rememberCases(generatedBy, runs, cases);
    return;
  }
  // Learner code that answers a case differently the second time it is asked still fails, on the case as first answered.
  smallest ??= replayFrom?.difference;
  if (smallest === undefined) return;
  const tried = Math.min(shrinkSteps, maxShrinkSteps);
  const caseNumber = replayFrom === undefined ? details.numRuns : replayFrom.run + 1;
  const found = `the smallest generated case found where your answer differs (seed ${runs.seed}, case ${caseNumber}, ${tried} smaller cases tried)`;
  const { diff: diffOf, ...table } = smallest.table;
  const diff = diffOf();
  throw new PropertyViolation({
    property: smallest.property,
    seed: runs.seed,
    trace: [...smallest.trace, found],
    difference: { ...table, ...(diff === undefined ? {} : { diff }), found: `Found by case ${caseNumber} of seed ${runs.seed}, then shrunk (${tried === 1 ? '1 smaller case' : `${tried} smaller cases`} tried).` },
  });
}

/** The learner's answer: what learner code throws is an answer; anything else thrown ends the check. */
function learnerAnswer<Result>(fn: () => Result): Answer<Result> {
  try {
    return { returned: fn() };
  } catch (error) {
    if (isLearnerThrow(error)) return { threw: error.description };
    throw error;
  }
}

/** The reference's answer: it runs in the tests' own realm, so an error it throws is part of its contract. */
function referenceAnswer<Result>(fn: () => Result): Answer<Result> {
  try {
    return { returned: fn() };
  } catch (error) {
    if (error instanceof Error) return { threw: `${error.name}: ${error.message}` };
    throw error;
  }
}

/**
 * Calls a method of one of a side's objects, or answers that it has no such method. Arguments made with
 * `answerOf` are first asked of the same side's objects; a throw there is this call's answer.
 */
function callMethod(objects: readonly object[], call: MethodCall, answer: typeof learnerAnswer): Answer<unknown> {
  const args: unknown[] = [];
  for (const arg of call.args) {
    if (!isAnswerOf(arg)) {
      args.push(answer === referenceAnswer ? copyData(arg) : arg);
      continue;
    }
    const inner = callMethod(objects, { instance: arg.instance % objects.length, method: arg.method, args: [] }, answer);
    if ('threw' in inner) return { threw: `its argument's ${arg.method}() threw: ${inner.threw}` };
    args.push(inner.returned);
  }
  const target = objects[call.instance] as object;
  const fn = (target as Record<string, unknown>)[call.method];
  if (typeof fn !== 'function') return { threw: `it has no method \`${call.method}\`` };
  return answer(() => Reflect.apply(fn, target, args));
}

/** The default judge: the same value (numbers within a relative 1e-9), or a throw where the reference throws. */
function sameAnswerJudge<Result>(got: Answer<Result>, expected: Answer<Result>): string | null {
  if ('threw' in expected) return 'threw' in got ? null : `should throw (${expected.threw}), but yours returned ${show(got.returned)}.`;
  if ('threw' in got) return `should return ${show(expected.returned)}, but yours threw: ${got.threw}`;
  return sameData(got.returned, expected.returned) ? null : `should return ${show(expected.returned)}, but yours returned ${show(got.returned)}.`;
}

/** Structural equality of plain data; numbers are equal within a relative 1e-9 (sums in another order). */
export function sameData(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Object.is(a, b);
  if (isLearnerHandle(a) || isLearnerHandle(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !sameData(value, b.get(key))) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    for (const value of a) if (!b.has(value)) return false;
    return true;
  }
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * A deep copy of plain data: generated arguments for the reference, and its answers kept for a failure message.
 * Functions and other behaviour are passed as they are.
 */
function copyData(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // Loops, not map and entries: generated arguments can be long lists, copied on every generated case.
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) copy.push(copyData(value[i]));
    return copy;
  }
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [copyData(key), copyData(item)]));
  if (value instanceof Set) return new Set([...value].map(copyData));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key]);
    // A key named __proto__ is defined, not assigned: it is data here, as it was in the value.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, writable: true, enumerable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

const shownLimit = 600;

/**
 * A value as TypeScript source the learner can read and paste; long values are cut, saying so. Rendering
 * stops at the limit: a learner's value may be megabytes long, and printing it whole only to cut it would
 * spend the learner's time limit on the message.
 */
export function show(value: unknown): string {
  const out: ShownText = { parts: [], length: 0 };
  writeValue(value, 0, out);
  const text = out.parts.join('');
  return text.length <= shownLimit ? text : `${text.slice(0, shownLimit)}… (the rest cut)`;
}

function showAnswer(answer: Answer<unknown>): string {
  return 'threw' in answer ? `threw: ${answer.threw}` : show(answer.returned);
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** Text being written, and how long it is so far. */
interface ShownText {
  readonly parts: string[];
  length: number;
}

function write(out: ShownText, text: string): void {
  out.parts.push(text);
  out.length += text.length;
}

/** Whether the text has passed the limit, so nothing more is worth writing. */
const full = (out: ShownText): boolean => out.length > shownLimit;

function writeList(items: Iterable<unknown>, open: string, close: string, depth: number, out: ShownText, writeItem = writeValue): void {
  write(out, open);
  let first = true;
  for (const item of items) {
    if (full(out)) return;
    if (!first) write(out, ', ');
    first = false;
    writeItem(item, depth + 1, out);
  }
  write(out, close);
}

function writeValue(value: unknown, depth: number, out: ShownText): void {
  if (typeof value === 'number') return write(out, Object.is(value, -0) ? '-0' : String(value));
  // A string is cut before it is quoted: only what can be shown is escaped.
  if (typeof value === 'string') return write(out, JSON.stringify(value.slice(0, shownLimit + 1)));
  if (typeof value === 'bigint') return write(out, `${value}n`);
  if (typeof value === 'function' || isLearnerHandle(value)) return write(out, typeof value === 'function' ? '[a function]' : '[an object with methods]');
  if (typeof value !== 'object' || value === null) return write(out, String(value));
  if (depth > 8) return write(out, '…');
  if (Array.isArray(value)) return writeList(value, '[', ']', depth, out);
  if (value instanceof Map) {
    return writeList(value, 'new Map([', '])', depth, out, (entry, itemDepth, into) => writeList(entry as [unknown, unknown], '[', ']', itemDepth - 1, into));
  }
  if (value instanceof Set) return writeList(value, 'new Set([', '])', depth, out);
  const keys = Object.keys(value);
  if (keys.length === 0) return write(out, '{}');
  writeList(keys, '{ ', ' }', depth, out, (key, itemDepth, into) => {
    const name = key as string;
    write(into, `${identifier.test(name) ? name : JSON.stringify(name)}: `);
    writeValue((value as Record<string, unknown>)[name], itemDepth, into);
  });
}
