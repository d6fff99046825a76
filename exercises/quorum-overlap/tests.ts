import {
  checkAvailability,
  checkBoundedStaleness,
  defineTests,
  sharedRuns,
  show,
  test,
  violationFor,
  type CheckFailure,
} from '../../src/testkit/index.ts';
import type { Operation } from '../../src/sim/history.ts';
import {
  CLIENT_TIMEOUT_MS,
  CUT_OFF,
  N,
  TURNS,
  oneWriterRun,
  twoWritersRun,
  type QuorumRun,
  type QuorumSizes,
} from './scenario.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];

const isReplicaCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= N;

/**
 * The learner's sizes as plain numbers, asked for once; or a sentence saying what is wrong with them. The runs
 * use this copy only, so nothing the learner's object does later can change what was judged.
 */
function readSizes(learner: Learner): QuorumSizes | string {
  let w: unknown;
  let r: unknown;
  try {
    const raw: unknown = learner.quorumSizes();
    if (typeof raw !== 'object' || raw === null) return `quorumSizes() must return an object { w, r }, but it returned ${show(raw)}.`;
    ({ w, r } = raw as Record<string, unknown>);
  } catch (error) {
    return `quorumSizes() threw: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isReplicaCount(w)) return `quorumSizes().w must be a whole number of replicas from 1 to ${N}, but it is ${show(w)}.`;
  if (!isReplicaCount(r)) return `quorumSizes().r must be a whole number of replicas from 1 to ${N}, but it is ${show(r)}.`;
  return { w, r };
}

const describeSizes = ({ w, r }: QuorumSizes) => `With W = ${w} and R = ${r}`;

/** The checker's failure, told with the learner's sizes in front. */
function failWith(run: QuorumRun, failure: CheckFailure, extra = ''): never {
  throw violationFor(run, { ...failure, property: `${describeSizes(run.sizes)}: ${failure.property}${extra}` });
}

const writeOf = (history: readonly Operation[], input: string) => history.find((op) => op.f === 'write' && op.input === input);

/**
 * Throws unless the run opened the window the test is about: every write of c1 began after the write of c4
 * before it was acknowledged, and a read began after it was acknowledged and before the next write. A run
 * without that could not show a later write losing to an earlier one.
 */
function expectTurnsHappened(run: QuorumRun): void {
  for (let i = 1; i < TURNS.length; i += 2) {
    const before = writeOf(run.history, TURNS[i - 1]!.op.input);
    const after = writeOf(run.history, TURNS[i]!.op.input);
    const nextAt = TURNS[i + 1]?.atMs ?? Infinity;
    const readBetween = run.history.some(
      (op) => op.f === 'read' && op.outcome === 'ok' && after?.completedAt !== undefined && op.invokedAt > after.completedAt && op.invokedAt < nextAt,
    );
    if (before?.outcome === 'ok' && after?.outcome === 'ok' && before.completedAt! < after.invokedAt && readBetween) continue;
    throw violationFor(run, {
      ok: false,
      property: `${describeSizes(run.sizes)}, the run should acknowledge c4's write ${show(TURNS[i - 1]!.op.input)}, then c1's write ${show(TURNS[i]!.op.input)}, then serve a read before the next write; it did not (${show(before?.outcome)}, ${show(after?.outcome)}, a read between: ${readBetween}), so it cannot show whether a later write loses to an earlier one.`,
      culprits: [before, after].filter((op): op is Operation => op !== undefined),
      details: [],
    });
  }
}

/**
 * The stale read's failure, with the write whose value it returned added to the story and, when that write and
 * the one that replaced it were stamped the same number, a sentence saying so.
 */
function withStamps(run: QuorumRun, failure: CheckFailure): { failure: CheckFailure; note: string } {
  const returned = failure.culprits.filter((op) => op.f === 'read').map((op) => writeOf(run.history, op.output as string));
  const culprits = [...new Set([...failure.culprits, ...returned.filter((op) => op !== undefined)])].sort((a, b) => a.id - b.id);
  const stamped = culprits.filter((op) => op.f === 'write').map((op) => run.stamps.find((s) => s.value === op.input)).filter((s) => s !== undefined);
  for (const a of stamped) {
    const b = stamped.find((s) => s !== a && s.version.n === a.version.n);
    if (b === undefined) continue;
    const note = ` Both ${show(a.value)} and ${show(b.value)} were stamped #${a.version.n}: the later write asked ${run.sizes.w} replicas that had not stored the earlier one, and ${a.version.writer > b.version.writer ? a.version.writer : b.version.writer}'s larger id ranks its version first.`;
    return { failure: { ...failure, culprits }, note };
  }
  return { failure: { ...failure, culprits }, note: '' };
}

export default defineTests<Learner>((learner) => {
  // Asked for inside the first test, so whatever the learner's function does happens while a test runs.
  let chosen: QuorumSizes | string | undefined;
  const sizes = (): QuorumSizes => {
    chosen ??= readSizes(learner);
    if (typeof chosen === 'string') throw new Error(chosen);
    return chosen;
  };
  // The sizes are plain data once read: each seed's runs happen (twice) once per grading.
  const oneWriter = sharedRuns((seed) => oneWriterRun(sizes(), seed));
  const twoWriters = sharedRuns((seed) => twoWritersRun(sizes(), seed));

  test('one writer: no read misses a write acknowledged before it began', () => {
    sizes();
    for (const seed of SEEDS) {
      const run = oneWriter(seed);
      const stale = checkBoundedStaleness(run.history);
      if (!stale.ok) failWith(run, stale);
    }
  });

  test('two writers in turn: no read returns a write that a later acknowledged write replaced', () => {
    sizes();
    for (const seed of SEEDS) {
      const run = twoWriters(seed);
      expectTurnsHappened(run);
      const stale = checkBoundedStaleness(run.history);
      if (stale.ok) continue;
      const { failure, note } = withStamps(run, stale);
      failWith(run, failure, note);
    }
  });

  test(`answers every read and write within ${CLIENT_TIMEOUT_MS} ms while ${CUT_OFF.replica} is cut off`, () => {
    sizes();
    for (const seed of SEEDS) {
      const run = oneWriter(seed);
      const answered = checkAvailability(run.history, { deadlineMs: CLIENT_TIMEOUT_MS, atLeast: 1, fromMs: CUT_OFF.fromMs, toMs: CUT_OFF.toMs });
      if (!answered.ok) failWith(run, answered, ` ${CUT_OFF.replica} was cut off from ${CUT_OFF.fromMs} to ${CUT_OFF.toMs} ms, so only ${N - 1} replicas could answer.`);
    }
  });
});
