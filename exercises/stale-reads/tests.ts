import {
  defineTests,
  test,
  expect,
  buildHistory,
  describeOperation,
  runTwice,
  sharedRuns,
  staleReads,
  violationFor,
  type OperationSpec,
  type SeededRun,
  type StaleRead,
  checkAgainstReference,
  fc,
} from '../../src/testkit/index.ts';
import { partitionedRegisterRun } from '../../src/scenarios/register-runs.ts';
import { primaryWithReplicasRun, type ReplicationPolicy } from '../../src/scenarios/primary-with-replicas.ts';
import type { History } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';
import { lwwMerge } from '../cap-register/solution.ts';

type Learner = typeof Solution;

const write = (client: string, value: string, at: readonly [number, number], outcome: OperationSpec['outcome'] = 'ok'): OperationSpec =>
  ({ client, f: 'write', input: value, at, outcome });
const read = (client: string, value: string | null, at: readonly [number, number]): OperationSpec => ({ client, f: 'read', output: value, at });

/** The history as the learner can read it in a failure message, one operation per line. */
const listing = (history: History) => history.map((op) => `  #${op.id} ${describeOperation(op)}`).join('\n');

/**
 * The learner's answer. Their code may sort or mutate what it gets, inputs and outputs included: the boundary
 * hands it a deep copy of the history, so the tests' own never changes.
 */
function answer(learner: Learner, history: History): unknown {
  return learner.findStaleReads(history as Parameters<Learner['findStaleReads']>[0]);
}

function expectStale(learner: Learner, specs: readonly OperationSpec[], staleIds: readonly number[]): void {
  const history = buildHistory(specs);
  // The hand-written answer and the testkit's staleness checker must agree before the learner is judged.
  expect(staleReads(history).map((s) => s.read.id), 'the staleness checker').toEqual(staleIds);
  expect(answer(learner, history), `findStaleReads on this history:\n${listing(history)}\n`).toEqual(staleIds);
}

const POLICIES: Record<string, ReplicationPolicy> = {
  'asynchronous replication (the primary acknowledges at once)': { acksBeforeReply: 0, retransmitMs: 30 },
  'synchronous replication (the primary waits for both replicas)': { acksBeforeReply: 2, retransmitMs: 30 },
  'fire-and-forget replication over a lossy network': { acksBeforeReply: 0, retransmitMs: null },
};

/** A simulated history and the staleness checker's verdict on it. */
type JudgedRun = SeededRun & { readonly history: History; readonly stale: readonly StaleRead[] };

/** `run` with the staleness checker's verdict on its history. */
const judged = <Run extends SeededRun & { history: History }>(run: Run): JudgedRun => ({ ...run, stale: staleReads(run.history) });

/**
 * Replicated registers whose histories the learner's checker reads. The learner's code takes no part in the
 * runs, so each is simulated, and judged by the staleness checker, once per worker (the warm-up leaves them
 * done); the learner reads a copy.
 */
const SIMULATED_READS: { what: string; build: (seed: number) => JudgedRun; seeds: number[] }[] = [
  ...Object.entries(POLICIES).map(([what, policy]) => ({ what, build: sharedRuns((seed: number) => judged(primaryWithReplicasRun({ policy }, seed))), seeds: [1, 2] })),
  {
    what: 'three replicas answering locally through a partition',
    build: sharedRuns((seed: number) => judged(partitionedRegisterRun({ decide: () => 'local', merge: lwwMerge, mode: 'AP' }, seed))),
    seeds: [11],
  },
];

/**
 * Histories of up to five writes (values 1, 2, …) and six reads, at times 0–12 so equal and touching timestamps
 * are common, with every outcome, ids distinct and in any order (drawn as a shuffle of 1 … n, shifted up, so
 * stale reads often come out of id order). A read that succeeded returns null or the value of a write that did
 * not fail; only such a read carries an output.
 */
const historyInputs = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(12), fc.nat(4), fc.constantFrom('ok', 'ok', 'fail', 'unknown', 'pending')), { maxLength: 5 }),
    fc.array(fc.tuple(fc.nat(12), fc.nat(4), fc.constantFrom('ok', 'ok', 'ok', 'fail', 'unknown', 'pending'), fc.nat(5)), { maxLength: 6 }),
    fc.array(fc.nat(1_000), { minLength: 11, maxLength: 11 }),
    fc.nat(100),
  )
  .map(([writeSpecs, readSpecs, idKeys, idOffset]): [Solution.Operation[]] => {
    const ops: Solution.Operation[] = [];
    const timed = (invokedAt: number, tookMs: number, outcome: Solution.Operation['outcome']) =>
      outcome === 'pending' ? { invokedAt, outcome } : { invokedAt, completedAt: invokedAt + tookMs, outcome };
    writeSpecs.forEach(([at, took, outcome], i) => ops.push({ id: 0, client: `w${i}`, f: 'write', input: i + 1, ...timed(at, took, outcome) }));
    const readable = [null, ...ops.filter((op) => op.outcome !== 'fail').map((op) => op.input)];
    readSpecs.forEach(([at, took, outcome, pick], i) => {
      const read: Solution.Operation = { id: 0, client: `r${i}`, f: 'read', ...timed(at, took, outcome) };
      ops.push(outcome === 'ok' ? { ...read, output: readable[pick % readable.length] } : read);
    });
    // The i-th operation gets the rank of its key among all keys (ties by position): a shuffle of 1 … n.
    const order = ops.map((_, i) => i).sort((a, b) => idKeys[a]! - idKeys[b]! || a - b);
    const ids = new Array<number>(ops.length);
    order.forEach((position, rank) => (ids[position] = rank + 1 + idOffset));
    return [ops.map((op, i) => ({ ...op, id: ids[i]! }))];
  });

export default defineTests<Learner>((learner) => {
  test('a read that begins after a newer write was acknowledged is stale; one that overlaps it is not', () => {
    expectStale(learner, [
      write('c1', 'a', [0, 10]),
      write('c1', 'b', [20, 30]),
      read('c3', 'a', [25, 33]),
      read('c4', 'a', [30, 34]),
      read('c2', 'a', [35, 40]),
      read('c5', 'b', [35, 40]),
    ], [4]);
  });

  test('of two overlapping writes, either value is fresh afterwards', () => {
    expectStale(learner, [
      write('c1', 'a', [0, 20]),
      write('c2', 'b', [5, 15]),
      read('c3', 'a', [30, 35]),
      read('c3', 'b', [40, 45]),
      write('c1', 'c', [50, 60]),
      read('c3', 'a', [70, 75]),
    ], [5]);
  });

  test('a write in doubt never makes a read stale, and its own value never goes stale', () => {
    expectStale(learner, [
      write('c1', 'a', [0, 10]),
      write('c1', 'b', [20, 50], 'unknown'),
      read('c2', 'a', [60, 65]),
      write('c4', 'c', [70, 80]),
      read('c2', 'b', [90, 95]),
      read('c3', 'a', [90, 96]),
    ], [5]);
  });

  test('reading the initial value (null) is stale once any write was acknowledged before the read began', () => {
    expectStale(learner, [
      read('c2', null, [0, 5]),
      write('c1', 'a', [10, 20]),
      read('c2', null, [15, 25]),
      read('c2', null, [30, 35]),
      write('c3', 'x', [40, 45], 'fail'),
      read('c2', 'a', [50, 55]),
    ], [3]);
  });

  test('agrees with the reference on generated histories', () => {
    checkAgainstReference({ name: 'findStaleReads', seed: 1561, runs: 150, inputs: historyInputs, learner: learner.findStaleReads, reference: Reference.findStaleReads });
  });

  test('agrees with the staleness checker on simulated replica reads', () => {
    for (const { what, build, seeds } of SIMULATED_READS) {
      for (const seed of seeds) {
        const run = runTwice(seed, build);
        const { stale } = run;
        const expected = stale.map((s) => s.read.id);
        const got = answer(learner, run.history);
        if (JSON.stringify(got) === JSON.stringify(expected)) continue;
        const returned = Array.isArray(got) ? got : [];
        const missed = expected.find((id) => !returned.includes(id));
        const extra = returned.find((id) => !expected.includes(id));
        const culprit = run.history.find((op) => op.id === (missed ?? extra));
        const why =
          culprit === undefined
            ? `it returned ${JSON.stringify(got)}; return the stale read ids in increasing order`
            : missed !== undefined
              ? `it left out the stale read #${culprit.id}: ${describeOperation(culprit)}`
              : `it called read #${culprit.id} stale, which is not: ${describeOperation(culprit)}`;
        throw violationFor(run, {
          ok: false,
          property: `With ${what}, the ${run.history.length}-operation history has ${expected.length} stale reads, but findStaleReads disagrees: ${why}.`,
          details: [],
          // For a missed stale read, the story also shows the write it missed.
          culprits: [stale.find((s) => s.read === culprit)?.missed, culprit].filter((op) => op !== undefined),
        });
      }
    }
  });
});
