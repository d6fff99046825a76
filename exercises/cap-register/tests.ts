import {
  defineTests,
  test,
  expect,
  PropertyViolation,
  PARTITION,
  INITIAL_VERSION,
  checkAvailability,
  checkBoundedStaleness,
  checkConvergence,
  checkLinearizable,
  checkSeeds,
  describeOperation,
  describeVersion,
  lastAcknowledgedWrite,
  partitionedRegisterRun,
  quorumRegisterRun,
  registerModel,
  runTwice,
  staleReads,
  violationFor,
  writesOf,
  type CheckResult,
  type ConsistencyMode,
  type RegisterRun,
  type Versioned,
} from '../../src/testkit/index.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [11, 12, 13, 14];
const QUORUM_SEEDS = [21, 22, 23];
const DEADLINE_MS = 100;

export default defineTests<Learner>((learner) => {
  const run = (mode: ConsistencyMode) => (seed: number) =>
    partitionedRegisterRun({ decide: learner.decide, merge: learner.lwwMerge, mode }, seed);

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
      expect(learner.lwwMerge(a, b), `lwwMerge(${JSON.stringify(a)}, ${JSON.stringify(b)})`).toEqual(winner);
    }
  });

  test('CP: the register stays linearizable through the partition {A, B} | {C}', () => {
    checkSeeds(SEEDS, run('CP'), (r) => checkLinearizable(r.history, registerModel()));
  });

  test('CP: the cut-off replica C refuses requests during the partition', () => {
    checkSeeds(SEEDS, run('CP'), (r): CheckResult => {
      const served = r.history.filter(
        (op) => op.client === 'c3' && op.invokedAt >= PARTITION.detectedMs && op.invokedAt < PARTITION.healMs && op.outcome !== 'fail',
      );
      const first = served[0];
      if (first === undefined) return { ok: true };
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
    checkSeeds(SEEDS, run('CP'), (r) =>
      checkAvailability(
        r.history.filter((op) => op.client !== 'c3'),
        { deadlineMs: DEADLINE_MS, atLeast: 1, fromMs: PARTITION.startMs, toMs: PARTITION.healMs },
      ),
    );
  });

  test('AP: every request gets a successful reply, even during the partition', () => {
    checkSeeds(SEEDS, run('AP'), (r) => checkAvailability(r.history, { deadlineMs: DEADLINE_MS, atLeast: 1 }));
  });

  test('AP: the replicas converge after the heal', () => {
    checkSeeds(SEEDS, run('AP'), (r): CheckResult => {
      const result = checkConvergence(r.versions, { describeState: describeVersion, atMs: r.endMs });
      return result.ok ? result : { ...result, culprits: writesOf(r.history, Object.values(r.versions)) };
    });
  });

  test('AP: after the heal every replica holds the last write', () => {
    checkSeeds(SEEDS, run('AP'), (r: RegisterRun): CheckResult => {
      const last = lastAcknowledgedWrite(r.history);
      const wrong = Object.entries(r.versions).filter(([, version]) => last === undefined || version.value !== last.input);
      if (last === undefined || wrong.length === 0) return { ok: true };
      const holds = wrong.map(([replica, version]) => `${replica} holds ${describeVersion(version)}`).join(' and ');
      return {
        ok: false,
        property: `After the heal every replica must hold the last write — latest timestamp, ties to the larger writer id — which is ${JSON.stringify(last.input)} by ${last.client} at ${last.invokedAt} ms, but ${holds}.`,
        details: [],
        culprits: [last, ...writesOf(r.history, wrong.map(([, version]) => version))],
      };
    });
  });

  test('isStrongQuorum: accepted quorums serve no stale reads, rejected ones do', () => {
    const configurations = [
      [3, 2, 2], [3, 3, 1], [5, 3, 3], [5, 4, 2],
      [3, 1, 1], [3, 2, 1], [5, 2, 3], [5, 3, 2],
    ] as const;
    for (const [n, w, r] of configurations) {
      const accepted = learner.isStrongQuorum(n, w, r);
      const call = `isStrongQuorum(${n}, ${w}, ${r})`;
      let staleCount = 0;
      for (const seed of QUORUM_SEEDS) {
        const quorumRun = runTwice(seed, (s) => quorumRegisterRun({ merge: learner.lwwMerge, n, w, r }, s));
        staleCount += staleReads(quorumRun.history).length;
        const stale = checkBoundedStaleness(quorumRun.history);
        if (accepted && !stale.ok) {
          throw violationFor(quorumRun, { ...stale, property: `${call} returned true, but with N=${n}, W=${w}, R=${r}: ${stale.property}` });
        }
      }
      if (!accepted && staleCount === 0) {
        throw new PropertyViolation({
          property: `${call} returned false, but ${QUORUM_SEEDS.length} seeded runs with N=${n}, W=${w}, R=${r} served no stale read: when R + W > N every read quorum overlaps every write quorum.`,
          seed: QUORUM_SEEDS[0]!,
          trace: [],
        });
      }
    }
  });

  test('isStrongQuorum: two write quorums must overlap too (W > N/2)', () => {
    const cases = [
      [3, 1, 3, false], [4, 2, 3, false], [5, 2, 4, false],
      [4, 3, 2, true], [5, 3, 3, true], [1, 1, 1, true],
    ] as const;
    for (const [n, w, r, strong] of cases) {
      expect(learner.isStrongQuorum(n, w, r), `isStrongQuorum(${n}, ${w}, ${r})`).toBe(strong);
    }
  });
});
