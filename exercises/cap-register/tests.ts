import {
  defineTests,
  test,
  expect,
  checkAvailability,
  checkConvergence,
  checkLinearizable,
  checkScenario,
  checkSeeds,
  describeOperation,
  registerModel,
  shrinkableScenario,
  type CheckResult,
  checkAgainstReference,
  fc,
} from '../../src/testkit/index.ts';
import { PARTITION, describeVersion, lastAcknowledgedWrite, partitionedRegisterRun, writesOf, type RegisterRun } from '../../src/scenarios/register-runs.ts';
import { INITIAL_VERSION, type ConsistencyMode, type Versioned } from '../../src/scenarios/replicated-register.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [11, 12, 13, 14];
const DEADLINE_MS = 100;
/** More random operations than a client can issue before the workload stops at 1000 ms (about 140): the graded runs are not capped. */
const OPERATIONS_PER_CLIENT = 1000;

/**
 * Two versions: the initial one or a write stamped 0–3 ms (ties often) or very late, by a writer whose id sorts
 * differently as a string than as a number ('c10' < 'c9'). A write's value names its writer and stamp, so two
 * versions with the same stamp and writer are the same write, as in the simulation.
 */
const version = fc.oneof(
  fc.constant(INITIAL_VERSION),
  fc.tuple(fc.oneof(fc.nat(3), fc.constant(2 ** 53 - 1)), fc.constantFrom('c1', 'c2', 'c3', 'c9', 'c10', 'c11')).map(([ts, writer]): Versioned => ({ value: `${writer}@${ts}`, ts, writer })),
);
/** Half the pairs of writes share a stamp, so the writer decides. */
const versionPairs = fc.tuple(version, version, fc.boolean()).map(([a, b, tie]): [Versioned, Versioned] =>
  tie && b.writer !== '' ? [a, { value: `${b.writer}@${a.ts}`, ts: a.ts, writer: b.writer }] : [a, b],
);

/** Any replica count from 1 up (odd and even), and a reachable count anywhere from 1 to n, often at the majority's edge. */
const decideInputs = fc
  .tuple(fc.constantFrom<'read' | 'write'>('read', 'write'), fc.constantFrom<Solution.Mode>('CP', 'AP'), fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(2 ** 31)), fc.oneof(fc.integer({ min: -1, max: 1 }), fc.nat()))
  .map(([op, mode, n, pick]): ['read' | 'write', Solution.Mode, number, number] => {
    const edge = Math.floor(n / 2) + 1;
    const reachable = pick >= -1 && pick <= 1 ? edge + pick : (pick % n) + 1;
    return [op, mode, Math.min(n, Math.max(1, reachable)), n];
  });

export default defineTests<Learner>((learner) => {
  // Several tests check each mode's runs for different properties: each seed runs (twice) once per grading.
  // A failing run is shrunk to fewer random operations (the partition and the scripted writes stay).
  const runs = (mode: ConsistencyMode) =>
    shrinkableScenario({
      sizes: { operations: { graded: OPERATIONS_PER_CLIENT, smallest: 0, label: 'random operations per client' } },
      build: (seed, size) => partitionedRegisterRun({ decide: learner.decide, merge: learner.lwwMerge, mode, operationsPerClient: size.operations }, seed),
    });
  const cp = runs('CP');
  const ap = runs('AP');
  const cpRuns = cp.graded;
  const apRuns = ap.graded;

  test('lwwMerge keeps the later timestamp and breaks ties by the larger writer id', () => {
    const v = (value: string, ts: number, writer: string): Versioned => ({ value, ts, writer });
    const cases: [Versioned, Versioned, Versioned][] = [
      [v('old', 5, 'c1'), v('new', 7, 'c1'), v('new', 7, 'c1')],
      [v('new', 9, 'c1'), v('old', 7, 'c3'), v('new', 9, 'c1')],
      [v('x', 7, 'c1'), v('y', 7, 'c3'), v('y', 7, 'c3')],
      [v('y', 7, 'c3'), v('x', 7, 'c1'), v('y', 7, 'c3')],
      [INITIAL_VERSION, v('first', 1, 'c2'), v('first', 1, 'c2')],
    ];
    for (const [a, b, winner] of cases) {
      expect(learner.lwwMerge({ ...a }, { ...b }), `lwwMerge(${JSON.stringify(a)}, ${JSON.stringify(b)})`).toEqual(winner);
    }
  });

  test('agrees with the reference on generated versions and replica counts', () => {
    checkAgainstReference({ name: 'lwwMerge', seed: 1611, runs: 60, inputs: versionPairs, learner: learner.lwwMerge, reference: Reference.lwwMerge });
    checkAgainstReference({ name: 'decide', seed: 1612, runs: 60, inputs: decideInputs, learner: learner.decide, reference: Reference.decide });
  });

  test('CP: the register stays linearizable through the partition {A, B} | {C}', () => {
    checkScenario(SEEDS, cp, {
      // Refusing everything is linearizable too: judge only a run in which reads and writes succeeded.
      happened: (r) => {
        const succeeded = (f: string) => r.history.some((op) => op.f === f && op.outcome === 'ok');
        if (succeeded('read') && succeeded('write')) return null;
        return `In CP mode no ${succeeded('write') ? 'read' : 'write'} succeeded in the whole run, so there is nothing to judge for linearizability: a replica that can reach a majority must answer through a quorum.`;
      },
      check: (r) => checkLinearizable(r.history, registerModel()),
    });
  });

  test('CP: the cut-off replica C refuses requests during the partition', () => {
    // Half is not a majority: with 2 of 4 replicas reachable, two halves could each accept a write.
    expect(learner.decide('write', 'CP', 2, 4), "decide('write', 'CP', 2, 4): 2 of 4 replicas reachable").toBe('reject');
    checkSeeds(SEEDS, cpRuns, (r): CheckResult => {
      const served = r.history.filter(
        (op) => op.client === 'c3' && op.invokedAt >= PARTITION.detectedMs && op.invokedAt < PARTITION.healMs && op.outcome !== 'fail',
      );
      const first = served[0];
      if (first === undefined) {
        // The situation under test: C was asked during the partition.
        const asked = r.history.some((op) => op.client === 'c3' && op.invokedAt >= PARTITION.detectedMs && op.invokedAt < PARTITION.healMs);
        if (asked) return { ok: true };
        return {
          ok: false,
          property: `No request reached the cut-off replica C between ${PARTITION.detectedMs} and ${PARTITION.healMs} ms, so this test cannot judge whether C refuses during the partition.`,
          details: [],
          culprits: r.history.filter((op) => op.client === 'c3').slice(-2),
        };
      }
      const why =
        first.outcome === 'ok'
          ? 'a replica that cannot reach a majority may hold stale data, so answering breaks consistency'
          : 'staying silent leaves the client waiting until it gives up; refuse at once instead';
      return {
        ok: false,
        property: `In CP mode the cut-off replica C must refuse every request at once (a "fail" reply), but ${describeOperation(first)}: ${why}.`,
        details: [],
        culprits: served.slice(0, 3),
      };
    });
  });

  test('CP: the majority side A, B keeps answering during the partition', () => {
    checkSeeds(SEEDS, cpRuns, (r) =>
      checkAvailability(
        r.history.filter((op) => op.client !== 'c3'),
        { deadlineMs: DEADLINE_MS, atLeast: 1, fromMs: PARTITION.startMs, toMs: PARTITION.healMs },
      ),
    );
  });

  test('AP: every request gets a successful reply, even during the partition', () => {
    checkSeeds(SEEDS, apRuns, (r) => checkAvailability(r.history, { deadlineMs: DEADLINE_MS, atLeast: 1 }));
  });

  test('AP: after the heal the replicas converge on the last write', () => {
    checkScenario(SEEDS, ap, {
      happened: (r) =>
        lastAcknowledgedWrite(r.history) === undefined
          ? 'In AP mode no write was acknowledged in the whole run, so the replicas cannot be judged on holding the last one: every replica must accept writes locally.'
          : null,
      judgedAtEnd: true,
      check: (r: RegisterRun): CheckResult => {
        const converged = checkConvergence(r.versions, { describeState: describeVersion, atMs: r.endMs });
        if (!converged.ok) return { ...converged, culprits: writesOf(r.history, Object.values(r.versions)) };
        const last = lastAcknowledgedWrite(r.history)!;
        const wrong = Object.entries(r.versions).filter(([, version]) => version.value !== last.input);
        if (wrong.length === 0) return { ok: true };
        const holds = wrong.map(([replica, version]) => `${replica} holds ${describeVersion(version)}`).join(' and ');
        return {
          ok: false,
          property: `After the heal every replica must hold the last write — latest timestamp, ties to the larger writer id — which is ${JSON.stringify(last.input)} by ${last.client} at ${last.invokedAt} ms, but ${holds}.`,
          details: [],
          culprits: [last, ...writesOf(r.history, wrong.map(([, version]) => version))],
        };
      },
    });
  });
});
