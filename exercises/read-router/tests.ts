import { defineTests, test, expect, readYourWritesViolations, checkScenario, shrinkableScenario, describeOperation, checkAgainstReference, fc, sameData, show, type Answer, type CheckResult } from '../../src/testkit/index.ts';
import {
  readRoutingRun,
  readsToReplicas,
  readsToSilentReplicas,
  PRIMARY,
  type ReadRoutingRun,
  type RoutedRead,
} from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2];
/** Clients in a graded run; a failing run is shrunk towards one (a client that writes, then reads its write). */
const CLIENTS = 6;
const MIN_REPLICA_SHARE = 0.7;
const SILENCE_MS = 100;
/** R3 crashes at 1000 ms (the scenario's default faults); from this time on it has been silent for silenceMs. */
const R3_SILENT_FROM_MS = 1000 + SILENCE_MS;

/** One call on the router, and (for `route`) the answer the contract gives. */
type Step =
  | { readonly write: string; readonly position: number }
  | { readonly report: string; readonly position: number; readonly at: number }
  | { readonly route: string; readonly at: number; readonly expected: string };

const describeStep = (step: Step): string =>
  'write' in step
    ? `writeAcknowledged("${step.write}", ${step.position})`
    : 'report' in step
      ? `replicaReport("${step.report}", ${step.position}, ${step.at})`
      : `route("${step.route}", ${step.at})`;

/** Plays the steps on a fresh router; the failure message lists the calls up to the wrong answer. */
function expectRoutes(learner: Learner, replicas: string[], steps: readonly Step[]): void {
  const router = new learner.ReadRouter([...replicas], SILENCE_MS);
  const calls: string[] = [];
  for (const step of steps) {
    calls.push(describeStep(step));
    if ('write' in step) router.writeAcknowledged(step.write, step.position);
    else if ('report' in step) router.replicaReport(step.report, step.position, step.at);
    else expect(router.route(step.route, step.at), `new ReadRouter(${JSON.stringify(replicas)}, ${SILENCE_MS}), then\n  ${calls.join('\n  ')}\n`).toBe(step.expected);
  }
}

/** "R1", "R1 and R2", "R1, R2 and R3". */
const listed = (ids: readonly string[]) => (ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`);

const where = (read: RoutedRead) => (read.target === PRIMARY ? 'the primary' : String(read.target));

/** A route that is neither the primary nor a replica fails the read: say so before judging anything else. */
function invalidTarget(run: ReadRoutingRun): RoutedRead | undefined {
  return run.routed.find((read) => read.target !== PRIMARY && read.reported === undefined);
}

function checkTargets(run: ReadRoutingRun): CheckResult {
  const invalid = invalidTarget(run);
  if (invalid === undefined) return { ok: true };
  return {
    ok: false,
    property: `route("${invalid.client}", ${invalid.at}) returned ${JSON.stringify(invalid.target)}; it must return "${PRIMARY}" or one of ${run.replicas.map((r) => `"${r}"`).join(', ')}.`,
    details: [],
    culprits: run.history.filter((op) => op.id === invalid.op),
  };
}

/**
 * The window a test is about, unless a route was invalid (then the test fails on that, with the read to blame):
 * a run without it cannot judge the test, and a shrunk run must keep it.
 */
const windowOr = (missing: (run: ReadRoutingRun) => string | null) => (run: ReadRoutingRun) => (invalidTarget(run) === undefined ? missing(run) : null);

/** One call on router a or b; writeAcknowledged takes no time. */
type RouterCall =
  | { on: 'a' | 'b'; call: 'writeAcknowledged'; client: string; position: number }
  | { on: 'a' | 'b'; call: 'replicaReport'; replica: string; position: number; now: number }
  | { on: 'a' | 'b'; call: 'route'; client: string; now: number };

const callText = (c: RouterCall): string =>
  c.call === 'writeAcknowledged'
    ? `${c.on}.writeAcknowledged(${show(c.client)}, ${c.position})`
    : c.call === 'replicaReport'
      ? `${c.on}.replicaReport(${show(c.replica)}, ${c.position}, ${c.now})`
      : `${c.on}.route(${show(c.client)}, ${c.now})`;

/** Makes the two routers, makes the calls in order, and answers what each returned (null for the two that return nothing). */
function replay(ReadRouter: Learner['ReadRouter']) {
  return (routers: [string[], number][], calls: RouterCall[]): (string | null)[] => {
    const made = routers.map(([replicas, silenceMs]) => new ReadRouter([...replicas], silenceMs));
    return calls.map((c) => {
      const router = made[c.on === 'a' ? 0 : 1]!;
      if (c.call === 'route') return router.route(c.client, c.now);
      if (c.call === 'replicaReport') router.replicaReport(c.replica, c.position, c.now);
      else router.writeAcknowledged(c.client, c.position);
      return null;
    });
  };
}

/** The calls up to the first answer that differs, as code, and what it should have returned. */
function judgeReplay(got: Answer<(string | null)[]>, expected: Answer<(string | null)[]>, [routers, calls]: [[string[], number][], RouterCall[]]): string | null {
  if (!('returned' in expected)) return null;
  const made = routers.map(([replicas, silenceMs], i) => `const ${'ab'[i]} = new ReadRouter(${show(replicas)}, ${silenceMs});`).join(' ');
  if ('threw' in got) return `— that is, ${made} and the calls listed — threw: ${got.threw}`;
  const at = calls.findIndex((_, i) => !sameData(got.returned?.[i], expected.returned[i]));
  if (at === -1) return null;
  const lines = calls.slice(0, at + 1).map((c) => `${callText(c)};`);
  return `— that is, ${made} ${lines.join(' ')} — should answer ${show(expected.returned[at])} to the last call, but yours answered ${show(got.returned?.[at])}.`;
}

/**
 * A generated call before it is timed: a number of ms after the previous call, or right when the replica it
 * names has been silent for silenceMs (−1, 0 or +1 ms; the previous call's time when that is past). Positions
 * are small, so a replica is often exactly at what a client needs.
 */
const routerStep = fc.record({
  on: fc.constantFrom<'a' | 'b'>('a', 'b'),
  call: fc.constantFrom<RouterCall['call']>('writeAcknowledged', 'replicaReport', 'replicaReport', 'route', 'route', 'route'),
  client: fc.constantFrom('c1', 'c2'),
  /** Which of the router's replicas (wrapping round its list). */
  replica: fc.nat(3),
  position: fc.nat(6),
  when: fc.oneof(
    { arbitrary: fc.oneof(fc.constantFrom(0, 1), fc.nat(30), fc.nat(300)).map((afterMs) => ({ afterMs })), weight: 3 },
    { arbitrary: fc.integer({ min: -1, max: 1 }).map((pastSilenceMs) => ({ pastSilenceMs })), weight: 1 },
  ),
});

/**
 * Two routers side by side, each over one to four replicas in any order and with a silenceMs of 1 ms up,
 * then up to 30 calls on either, at times that never go backwards: writes acknowledged out of order, reports
 * that go back (overtaken on the network), several at one ms, reads exactly when a replica has been silent
 * for silenceMs or 1 ms either side of it.
 */
const routerInputs = fc
  .tuple(
    fc.array(fc.tuple(fc.uniqueArray(fc.constantFrom('R1', 'R2', 'R3', 'R4'), { minLength: 1, maxLength: 4 }), fc.oneof(fc.constantFrom(1, 100), fc.integer({ min: 1, max: 300 }))), { minLength: 2, maxLength: 2 }),
    fc.nat(1000),
    fc.array(routerStep, { maxLength: 30, size: 'max' }),
  )
  .map(([routers, startMs, steps]): [[string[], number][], RouterCall[]] => {
    const heardAt = new Map<string, number>();
    let now = startMs;
    const calls = steps.map(({ on, call, client, replica: which, position, when }): RouterCall => {
      if (call === 'writeAcknowledged') return { on, call, client, position: position + 1 };
      const [replicas, silenceMs] = routers[on === 'a' ? 0 : 1]!;
      const replica = replicas[which % replicas.length]!;
      const heard = heardAt.get(`${on} ${replica}`);
      now = 'afterMs' in when ? now + when.afterMs : Math.max(now, (heard ?? now) + silenceMs + when.pastSilenceMs);
      if (call === 'route') return { on, call, client, now };
      heardAt.set(`${on} ${replica}`, now);
      return { on, call, replica, position, now };
    });
    return [routers, calls];
  });

export default defineTests<Learner>((learner) => {
  // The three simulated tests check the same runs, each seed run (twice) once per grading; a failing run is
  // shrunk to fewer clients.
  const runs = shrinkableScenario({
    sizes: { clients: { graded: CLIENTS, smallest: 1, label: 'clients' } },
    build: (seed, size) => readRoutingRun({ makeRouter: (replicas, silenceMs) => new learner.ReadRouter(replicas, silenceMs), clients: size.clients }, seed),
  });
  const clientsIn = (run: ReadRoutingRun) => new Set(run.history.map((op) => op.client)).size;
  const story = (run: ReadRoutingRun) =>
    `${['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six'][clientsIn(run)] ?? clientsIn(run)} ${clientsIn(run) === 1 ? 'client writes' : 'clients write'} (8%) and read one register through the router; three replicas pull the log every 20 ms over a slow, lossy network and report their position; R1 is cut off from the primary from 300 to 700 ms and R3 crashes at 1000 ms.`;

  test("sends a read to a replica only once it has reported the client's own latest write", () => {
    expectRoutes(learner, ['R1', 'R2', 'R3'], [
      { report: 'R1', position: 4, at: 100 },
      { report: 'R2', position: 6, at: 100 },
      { report: 'R3', position: 5, at: 100 },
      { write: 'c1', position: 5 },
      { route: 'c1', at: 110, expected: 'R2' },
      { route: 'c2', at: 111, expected: 'R3' },
      { route: 'c1', at: 112, expected: 'R2' },
      { write: 'c1', position: 7 },
      { route: 'c1', at: 113, expected: 'primary' },
      { report: 'R1', position: 7, at: 114 },
      { route: 'c1', at: 115, expected: 'R1' },
      // A late report, overtaken on the network: R1 has still applied #7.
      { report: 'R1', position: 3, at: 116 },
      { route: 'c1', at: 117, expected: 'R1' },
      { route: 'c3', at: 118, expected: 'R2' },
    ]);
  });

  test('takes turns among the replicas that qualify, in list order', () => {
    expectRoutes(learner, ['R1', 'R2', 'R3'], [
      { report: 'R1', position: 9, at: 0 },
      { report: 'R2', position: 2, at: 0 },
      { report: 'R3', position: 3, at: 0 },
      { route: 'c1', at: 1, expected: 'R1' },
      { route: 'c1', at: 2, expected: 'R2' },
      { route: 'c1', at: 3, expected: 'R3' },
      { route: 'c1', at: 4, expected: 'R1' },
      { write: 'c2', position: 3 },
      { route: 'c2', at: 5, expected: 'R3' },
      { route: 'c2', at: 6, expected: 'R1' },
      { route: 'c2', at: 7, expected: 'R3' },
      { write: 'c2', position: 10 },
      { route: 'c2', at: 8, expected: 'primary' },
      { route: 'c1', at: 9, expected: 'R1' },
    ]);
  });

  test(`falls back to the primary, and stops reading from a replica silent for silenceMs`, () => {
    expectRoutes(learner, ['R1', 'R2'], [
      { route: 'c1', at: 0, expected: 'primary' },
      { report: 'R1', position: 0, at: 50 },
      { route: 'c1', at: 149, expected: 'R1' },
      { route: 'c1', at: 150, expected: 'primary' },
      { report: 'R2', position: 0, at: 160 },
      { route: 'c1', at: 170, expected: 'R2' },
      { report: 'R1', position: 0, at: 180 },
      { route: 'c1', at: 181, expected: 'R1' },
      { route: 'c1', at: 259, expected: 'R2' },
      { route: 'c1', at: 260, expected: 'R1' },
    ]);
  });

  test('never shows a client an older value than its own last write (lag, a cut-off replica, a crash)', () => {
    checkScenario(SEEDS, runs, {
      // The situation under test: a client that had written read from a replica.
      happened: windowOr((run) =>
        readsToReplicas(run).some((read) => read.need > 0)
          ? null
          : `${story(run)} The router sent no read of a client that had written to a replica, so this test cannot judge read-your-writes: send a read to a replica that has reported the client's latest write.`,
      ),
      check: (run) => {
        const targets = checkTargets(run);
        if (!targets.ok) return targets;
        const [first] = readYourWritesViolations(run.history);
        if (first === undefined) return { ok: true };
        const { read, ownWrite } = first;
        const routed = run.routed.find((r) => r.op === read.id)!;
        const position = run.positions.get(ownWrite.id);
        const sentTo =
          routed.reported === undefined
            ? `the router sent it to ${where(routed)}`
            : `the router sent it to ${where(routed)}, whose latest report said it had applied up to #${routed.reported}`;
        return {
          ok: false,
          property: `${story(run)} ${read.client}'s write of ${JSON.stringify(ownWrite.input)} was acknowledged at ${ownWrite.completedAt} ms as log position #${position}, but its read at ${read.invokedAt} ms returned ${JSON.stringify(read.output)}: ${sentTo} — a read-your-writes violation.`,
          details: [],
          culprits: [ownWrite, read],
        };
      },
    });
  });

  test('serves at least 70% of reads from replicas', () => {
    checkScenario(SEEDS, runs, {
      check: (run) => {
        const targets = checkTargets(run);
        if (!targets.ok) return targets;
        const toReplicas = readsToReplicas(run).length;
        const total = run.routed.length;
        if (total > 0 && toReplicas / total >= MIN_REPLICA_SHARE) return { ok: true };
        const avoidable = run.routed.filter((read) => read.target === PRIMARY && read.qualifying.length > 0);
        const example = avoidable[0];
        const hint =
          example === undefined
            ? ''
            : ` ${avoidable.length} of the reads sent to the primary could have gone to a replica: at ${example.at} ms ${example.client} ${example.need === 0 ? 'had written nothing yet' : `needed #${example.need}`}, and ${listed(example.qualifying)} had reported ${example.need === 0 ? 'in' : 'it'} within ${run.silenceMs} ms.`;
        return {
          ok: false,
          property: `${story(run)} Only ${toReplicas} of ${total} reads (${(Math.floor((1000 * toReplicas) / Math.max(1, total)) / 10).toFixed(1)}%) went to a replica; at least ${100 * MIN_REPLICA_SHARE}% must, or the replicas do not take the load off the primary.${hint}`,
          details: [],
          culprits: example === undefined ? [] : run.history.filter((op) => op.id === example.op),
        };
      },
    });
  });

  test('stops sending reads to a replica that has gone silent (a replica crashes)', () => {
    checkScenario(SEEDS, runs, {
      // The situation under test: R3 had gone silent, and reads kept going to the replicas still reporting.
      happened: windowOr((run) =>
        readsToReplicas(run).some((read) => read.at >= R3_SILENT_FROM_MS)
          ? null
          : `${story(run)} After R3 crashed, the router sent no read to a replica at all (none from ${R3_SILENT_FROM_MS} ms on), so this test cannot judge whether it stops reading from the silent one: keep sending reads to the replicas that still report.`,
      ),
      check: (run) => {
        const targets = checkTargets(run);
        if (!targets.ok) return targets;
        const [silent] = readsToSilentReplicas(run);
        if (silent === undefined) return { ok: true };
        const read = run.history.find((op) => op.id === silent.op)!;
        const since = silent.heardAt! < 0 ? 'had never reported' : `had been silent since ${silent.heardAt} ms (${silent.at - silent.heardAt!} ms, and silenceMs is ${run.silenceMs})`;
        return {
          ok: false,
          property: `${story(run)} At ${silent.at} ms the router sent ${silent.client}'s read to ${where(silent)}, which ${since}: ${describeOperation(read)}.`,
          details: [],
          culprits: [read],
        };
      },
    });
  });

  test('two routers side by side agree with the reference, call by call', () => {
    checkAgainstReference({ name: 'replay', seed: 3331, runs: 40, inputs: routerInputs, learner: replay(learner.ReadRouter), reference: replay(Reference.ReadRouter), judge: judgeReplay });
  });
});
