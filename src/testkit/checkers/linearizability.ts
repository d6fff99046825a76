/**
 * Linearizability checking, Porcupine-style: Wing & Gong's search with Lowe's just-in-time linearization
 * and memoisation of (set of linearized operations, model state). Bounded by a step budget so it can never
 * hang a grading run; running out of budget is reported as inconclusive, never as a pass.
 *
 * Semantics (Jepsen/Knossos):
 * - `fail` operations certainly did not happen: they are removed.
 * - `unknown`/`pending` operations may take effect at any instant after their invocation, or never.
 * - Two operations whose intervals merely touch (one completes at the instant the other is invoked) are
 *   treated as concurrent: virtual time has no finer order than the millisecond.
 *
 * A key-value history is linearizable iff each key's sub-history is (linearizability is compositional), so
 * {@link checkKvLinearizable} checks key by key, which keeps the search small.
 */
import type { History, Operation } from '../../sim/history.ts';
import type { Model } from './model.ts';
import { describeOutcome, describeTiming, formatValue, MAX_CULPRITS, sameValue, type CheckFailure } from './result.ts';

/** The search budget of the linearizability checkers. */
export interface LinearizabilityOptions {
  /**
   * Search steps allowed for the whole check (all keys together). Each step tries or undoes one
   * operation. Default {@link DEFAULT_MAX_STEPS}.
   */
  readonly maxSteps?: number;
}

/** Enough for every lesson history (hundreds of operations, a handful concurrent) with room to spare. */
export const DEFAULT_MAX_STEPS = 500_000;

/** A linearizable verdict, with the search steps it took. */
export interface LinearizablePass {
  readonly ok: true;
  /** Search steps spent; the bench reports it. */
  readonly steps: number;
}

/**
 * What `checkLinearizable` and `checkKvLinearizable` return: a pass with its step count, or a
 * `CheckFailure` (marked `inconclusive` when the step budget ran out). Usable wherever a `CheckResult` is.
 */
export type LinearizabilityResult = LinearizablePass | CheckFailure;

interface Entry {
  readonly op: Operation;
  /** Index of the operation in this search's bitset. */
  readonly slot: number;
  readonly isCall: boolean;
  readonly time: number;
  /** Position in the original time order: how far into the history the search got. */
  position: number;
  /** For a call: its return entry. */
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

interface Frame<State> {
  readonly entry: Entry;
  readonly stateBefore: State;
  /** Whether applying the operation changed the state: such operations explain where a value came from. */
  readonly changedState: boolean;
}

function isInDoubt(op: Operation): boolean {
  return op.outcome === 'unknown' || op.outcome === 'pending';
}

/** Call and return entries in time order, as a doubly linked list behind a sentinel head. */
function buildEntries(ops: readonly Operation[]): Entry {
  const entries: Entry[] = [];
  ops.forEach((op, slot) => {
    const call: Entry = { op, slot, isCall: true, time: op.invokedAt, position: 0, match: null, prev: null, next: null };
    // An in-doubt operation may take effect at any later time: its "return" is at infinity.
    const returnTime = isInDoubt(op) ? Number.POSITIVE_INFINITY : (op.completedAt ?? Number.POSITIVE_INFINITY);
    const ret: Entry = { op, slot, isCall: false, time: returnTime, position: 0, match: null, prev: null, next: null };
    call.match = ret;
    entries.push(call, ret);
  });
  // Calls before returns at equal times (touching intervals are concurrent); ids make the order total.
  entries.sort((a, b) => a.time - b.time || Number(b.isCall) - Number(a.isCall) || a.op.id - b.op.id);
  const head: Entry = { op: ops[0]!, slot: -1, isCall: false, time: -Infinity, position: -1, match: null, prev: null, next: null };
  let last = head;
  entries.forEach((entry, position) => {
    entry.position = position;
    entry.prev = last;
    last.next = entry;
    last = entry;
  });
  return head;
}

function lift(call: Entry): void {
  call.prev!.next = call.next;
  call.next!.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next) ret.next.prev = ret.prev;
}

function unlift(call: Entry): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next) ret.next.prev = ret;
  call.prev!.next = call;
  call.next!.prev = call;
}

/** The deepest dead end the search met: the operation no ordering could get past, and what state it saw. */
interface DeadEnd<State> {
  position: number;
  op: Operation | null;
  /** Possible states at that point, each with the operation that last set it (null: initial state). */
  readonly states: { state: State; key: string; setBy: Operation | null }[];
  /** One consistent order of the operations before it (for the detail lines). */
  order: Operation[];
}

const MAX_REPORTED_STATES = 3;
const MAX_REPORTED_ORDER = 6;

type SearchOutcome<State> =
  | { readonly kind: 'linearizable' }
  | { readonly kind: 'violation'; readonly deadEnd: DeadEnd<State> }
  | { readonly kind: 'budget' };

interface Budget {
  stepsLeft: number;
}

function search<State>(ops: readonly Operation[], model: Model<State>, budget: Budget): SearchOutcome<State> {
  if (ops.length === 0) return { kind: 'linearizable' };
  const head = buildEntries(ops);
  const words = Math.ceil(ops.length / 32);
  let linearized = new Uint32Array(words);
  const seen = new Set<string>();
  const stack: Frame<State>[] = [];
  let state = model.init;
  let stateKey = model.stateKey(state);
  const deadEnd: DeadEnd<State> = { position: -1, op: null, states: [], order: [] };

  const noteDeadEnd = (at: Entry): void => {
    if (at.position < deadEnd.position) return;
    if (at.position > deadEnd.position) {
      deadEnd.position = at.position;
      deadEnd.op = at.op;
      deadEnd.states.length = 0;
      deadEnd.order = stack.slice(-MAX_REPORTED_ORDER).map((frame) => frame.entry.op);
    }
    if (deadEnd.states.length >= MAX_REPORTED_STATES || deadEnd.states.some((s) => s.key === stateKey)) return;
    const setter = stack.findLast((frame) => frame.changedState);
    deadEnd.states.push({ state, key: stateKey, setBy: setter ? setter.entry.op : null });
  };

  let entry = head.next;
  while (entry !== null) {
    if (budget.stepsLeft-- <= 0) return { kind: 'budget' };
    if (entry.isCall) {
      const result = model.step(state, entry.op);
      if (result.ok) {
        const candidate = linearized.slice();
        candidate[entry.slot >>> 5]! |= 1 << (entry.slot & 31);
        const nextKey = model.stateKey(result.next);
        const memoKey = `${candidate.join(',')}|${nextKey}`;
        if (!seen.has(memoKey)) {
          seen.add(memoKey);
          stack.push({ entry, stateBefore: state, changedState: nextKey !== stateKey });
          state = result.next;
          stateKey = nextKey;
          linearized = candidate;
          lift(entry);
          entry = head.next;
          continue;
        }
      }
      entry = entry.next;
      continue;
    }
    // A return entry: its operation had to take effect by now, and no untried order makes that possible.
    // In-doubt returns sit at infinity, after every acknowledged operation has been placed: done.
    if (isInDoubt(entry.op)) return { kind: 'linearizable' };
    noteDeadEnd(entry);
    const frame = stack.pop();
    if (frame === undefined) return { kind: 'violation', deadEnd };
    linearized = linearized.slice();
    linearized[frame.entry.slot >>> 5]! &= ~(1 << (frame.entry.slot & 31));
    state = frame.stateBefore;
    stateKey = model.stateKey(state);
    unlift(frame.entry);
    entry = frame.entry.next;
  }
  return { kind: 'linearizable' };
}

function describePossibleState<State>(model: Model<State>, state: State, setBy: Operation | null): string {
  const value = model.describeState(state);
  return setBy === null ? value : `${value} (${setBy.f} by ${describeTiming(setBy)}, ${describeOutcome(setBy)})`;
}

/** "read by c2 at 130–140 ms returned 1", "write 2 by c1 at 100–110 ms (acknowledged)" */
function describeAttempt(op: Operation): string {
  const input = op.input === undefined ? '' : ` ${formatValue(op.input)}`;
  const returned = op.outcome === 'ok' && op.output !== undefined;
  const output = returned ? ` returned ${formatValue(op.output)}` : ` (${describeOutcome(op)})`;
  return `${op.f}${input} by ${describeTiming(op)}${output}`;
}

function explainViolation<State>(
  subject: string,
  model: Model<State>,
  history: readonly Operation[],
  deadEnd: DeadEnd<State>,
): CheckFailure {
  const op = deadEnd.op!;
  const possible = deadEnd.states.map(({ state, setBy }) => describePossibleState(model, state, setBy));
  const latest =
    possible.length === 1 ? `the latest possible value was ${possible[0]}` : `the possible values were ${possible.join(' or ')}`;
  const property = `${subject} is not linearizable: ${describeAttempt(op)}, but ${latest}.`;
  const details: string[] = [];
  if (op.outcome === 'ok' && op.output !== undefined) {
    const sentOutput = (other: Operation) => sameValue(other.input, op.output);
    const refused = history.find((other) => other.outcome === 'fail' && sentOutput(other));
    if (refused && !history.some((other) => other.outcome !== 'fail' && sentOutput(other))) {
      details.push(`${formatValue(op.output)} was only sent by ${describeAttempt(refused)}: a refused operation must never take effect.`);
    }
  }
  if (deadEnd.order.length > 0) {
    details.push(`Latest order consistent with everything before it: ${deadEnd.order.map(describeAttempt).join('; ')}.`);
  }
  const setters = deadEnd.states.flatMap(({ setBy }) => (setBy ? [setBy] : []));
  const culprits = [...new Set([...setters, op])].sort((a, b) => a.invokedAt - b.invokedAt || a.id - b.id);
  return { ok: false, property, details, culprits: culprits.slice(-MAX_CULPRITS) };
}

function inconclusive(subject: string, maxSteps: number, history: History): CheckFailure {
  return {
    ok: false,
    inconclusive: true,
    property: `Could not decide whether ${subject.toLowerCase()} is linearizable within ${maxSteps} search steps, so the check is inconclusive, not passed.`,
    details: [`The history has ${history.length} operations; long runs with many overlapping operations make the search explode. Use fewer concurrent clients or a shorter run.`],
    culprits: [],
  };
}

function checkGroups<State>(
  groups: readonly { subject: string; ops: readonly Operation[] }[],
  model: Model<State>,
  history: History,
  options: LinearizabilityOptions,
): LinearizabilityResult {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const budget: Budget = { stepsLeft: maxSteps };
  let undecided: string | null = null;
  for (const { subject, ops } of groups) {
    const outcome = search(ops, model, budget);
    if (outcome.kind === 'violation') return explainViolation(subject, model, history, outcome.deadEnd);
    if (outcome.kind === 'budget') undecided ??= subject;
  }
  if (undecided !== null) return inconclusive(undecided, maxSteps, history);
  return { ok: true, steps: maxSteps - budget.stepsLeft };
}

/** The operations the search has to place: refused ones never happened, in-doubt reads say nothing. */
function relevant<State>(history: History, model: Model<State>): Operation[] {
  return history.filter((op) => op.outcome !== 'fail' && !(isInDoubt(op) && model.isReadOnly(op)));
}

/**
 * A history in which no operation succeeded is linearizable whatever the system did (refusing everything is
 * consistent): a failure that says so, rather than a pass that judged nothing.
 */
function nothingSucceeded<State>(history: History, model: Model<State>): CheckFailure | null {
  if (history.some((op) => op.outcome === 'ok')) return null;
  return {
    ok: false,
    property: `No operation on the ${model.name} succeeded in this history of ${history.length}, so there is nothing to judge for linearizability: a system that refuses everything is never inconsistent.`,
    details: [],
    culprits: history.slice(0, 2),
  };
}

/** Is the history of one object (a single register) linearizable with respect to `model`? */
export function checkLinearizable<State>(
  history: History,
  model: Model<State>,
  options: LinearizabilityOptions = {},
): LinearizabilityResult {
  const empty = nothingSucceeded(history, model);
  if (empty !== null) return empty;
  return checkGroups([{ subject: `The ${model.name}`, ops: relevant(history, model) }], model, history, options);
}

/**
 * Is a key-value history linearizable, each key behaving like `model`? Operations are grouped by
 * `op.key` and checked key by key, smallest key first.
 */
export function checkKvLinearizable<State>(
  history: History,
  model: Model<State>,
  options: LinearizabilityOptions = {},
): LinearizabilityResult {
  const empty = nothingSucceeded(history, model);
  if (empty !== null) return empty;
  const byKey = new Map<string, Operation[]>();
  for (const op of relevant(history, model)) {
    const key = op.key ?? '';
    const ops = byKey.get(key) ?? [];
    ops.push(op);
    byKey.set(key, ops);
  }
  // Smallest keys first: a cheap proven violation should not wait behind a key that eats the budget.
  const groups = [...byKey]
    .sort(([keyA, opsA], [keyB, opsB]) => opsA.length - opsB.length || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([key, ops]) => ({ subject: `Key ${JSON.stringify(key)} of the key-value store`, ops }));
  return checkGroups(groups, model, history, options);
}
