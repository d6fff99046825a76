import { checkAgainstReference, defineTests, fc, PropertyViolation, recordRun, sharedRuns, show, storyEvents, test } from '../../src/testkit/index.ts';
import type { Operation } from '../../src/sim/history.ts';
import {
  BACKEND_IDS,
  REPORT_EVERY_MS,
  SLOW_MS,
  FAST_MS,
  TRAFFIC,
  biggestHerd,
  leastLoadedPolicy,
  nearestRank,
  routedCounts,
  runRouting,
  slowShare,
  uniformRandomPolicy,
  type LoadView,
  type RoutingRun,
} from '../../src/scenarios/stale-load-routing.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
/** The p99 latency (ms, nearest rank) a policy may reach with fresh counts, and with counts up to 100 ms old. */
const FRESH_LIMIT_MS = 150;
const STALE_LIMIT_MS = 350;
/**
 * The most requests one backend may get in one 100 ms stretch with stale counts: two thirds of the ~45 that
 * arrive, and more than a fast backend serves in that time (25). Fair shares are far smaller.
 */
const HERD_LIMIT = 30;

const p99 = (run: RoutingRun) => nearestRank(run.latencies, 99);
const percent = (share: number) => `${Math.round(100 * share)}%`;
/** What the two slow backends can serve together, as a share of the traffic. */
const SLOW_CAPACITY_SHARE = (2 * (1000 / SLOW_MS)) / TRAFFIC.ratePerSec;

/** Why a run's p99 was high, in one sentence: a herd if there was one, else the slow backends' share. */
function cause(run: RoutingRun): string {
  const herd = biggestHerd(run, REPORT_EVERY_MS);
  if (run.reportEveryMs > 0 && herd.requests > HERD_LIMIT) return `Between ${herd.fromMs} and ${herd.toMs} ms it sent ${herd.requests} requests to ${herd.backend}, whose queue grew.`;
  return `It sent the slow backends ${percent(slowShare(run))} of the requests; together they can serve ${percent(SLOW_CAPACITY_SHARE)} of this traffic, so their queues grew.`;
}

function sharesOf(run: RoutingRun): string {
  const counts = routedCounts(run);
  return BACKEND_IDS.map((id) => `${id} ${counts[id]}`).join(', ');
}

/** The run with its `count` slowest requests highlighted: the evidence of a p99. */
function withSlowest(run: RoutingRun, count: number) {
  const latency = (op: Operation) => (op.completedAt as number) - op.invokedAt;
  const culprits = run.sim
    .history()
    .filter((op) => op.outcome === 'ok')
    .sort((a, b) => latency(b) - latency(a) || a.id - b.id)
    .slice(0, count);
  return { culprits, run: recordRun(run.sim, run.seed, storyEvents(run.sim, culprits)) };
}

/** A `random()` that returns `draws` in turn, over and over (the generated streams are never empty). */
function cycling(draws: readonly number[]): () => number {
  let next = 0;
  return () => draws[next++ % draws.length]!;
}

/**
 * One call over the whole domain the prompt states: one to eight backends with distinct names; a count for
 * each, small (ties are common) or up to 2³¹; an age of 0 (fresh) or up to ten seconds; and a random stream of
 * one to six draws from [0, 1), with 0 and the largest number below 1 often among them.
 */
const call = fc
  .tuple(
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), { minLength: 1, maxLength: 8 }),
    fc.array(fc.oneof(fc.nat(3), fc.nat(2 ** 31)), { minLength: 8, maxLength: 8 }),
    fc.oneof(fc.constant(0), fc.nat(10_000)),
    fc.array(fc.oneof(fc.constant(0), fc.constant(1 - 2 ** -53), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), { minLength: 1, maxLength: 6 }),
  )
  .map(([backends, counts, ageMs, draws]): Call => ({
    backends,
    view: { inFlight: Object.fromEntries(backends.map((name, i) => [name, counts[i]!])), ageMs },
    draws,
  }));

/** One call of a picker: its arguments, with `random()` returning `draws` in turn. */
interface Call {
  readonly backends: string[];
  readonly view: LoadView;
  readonly draws: number[];
}

const showCall = ({ backends, view, draws }: Call) => `pick(${show(backends)}, ${show(view)}, random) with random() returning ${draws.join(', ')} in turn`;

/** Every answer of one new picker, asked the calls in order. */
const answersOf = (createPicker: () => Solution.Picker) => (calls: Call[]) => {
  const pick = createPicker();
  return calls.map(({ backends, view, draws }) => pick(backends, view, cycling(draws)));
};

/** Module-level runs of two naive policies, which show that each setting is the one the test claims. */
const uniformFresh = sharedRuns((seed) => runRouting({ makePolicy: () => uniformRandomPolicy, reportEveryMs: 0 }, seed));
const leastLoadedStale = sharedRuns((seed) => runRouting({ makePolicy: () => leastLoadedPolicy, reportEveryMs: REPORT_EVERY_MS }, seed));

/** Throws (an error of the exercise, not the learner's) unless a setting has the shape its test claims. */
function expectShape(holds: boolean, claim: string): void {
  if (!holds) throw new Error(`The exercise's scenario no longer has the shape its test needs: ${claim}. This is a fault in the exercise, not in your code.`);
}

export default defineTests<Learner>((learner) => {
  // One new picker per balancer, as the prompt promises.
  const makePolicy = () => learner.createPicker();
  const freshRun = sharedRuns((seed) => runRouting({ makePolicy, reportEveryMs: 0 }, seed));
  const staleRun = sharedRuns((seed) => runRouting({ makePolicy, reportEveryMs: REPORT_EVERY_MS }, seed));
  const learnerRun = (run: RoutingRun): RoutingRun => {
    if (run.badPick === null) return run;
    throw new PropertyViolation({
      property: `Your picker returned ${run.badPick}, which is not one of the backends (${BACKEND_IDS.join(', ')}), so that request failed.`,
      seed: run.seed,
      trace: [],
    });
  };

  test('names one of the listed backends, whatever the view and the random numbers', () => {
    checkAgainstReference({
      name: 'answersOfOnePicker',
      seed: 1212,
      runs: 60,
      inputs: fc.tuple(fc.array(call, { minLength: 1, maxLength: 5 })),
      learner: answersOf(() => learner.createPicker()),
      reference: answersOf(Reference.createPicker),
      judge: (got, _expected, [calls]) => {
        if ('threw' in got) return `a new picker, called with these calls in turn, threw: ${got.threw}`;
        const answers = got.returned;
        const wrong = calls.findIndex((each, i) => !each.backends.includes(answers[i]!));
        if (wrong === -1) return null;
        return `call ${wrong + 1} of a new picker, ${showCall(calls[wrong]!)}, returned ${show(answers[wrong])}, which is not one of the listed backends.`;
      },
    });
  });

  test(`keeps the p99 latency within ${FRESH_LIMIT_MS} ms with fresh counts`, () => {
    for (const seed of SEEDS) {
      const run = learnerRun(freshRun(seed));
      expectShape(run.oldestViewMs === 0, 'every request routed on a fresh view');
      expectShape(p99(uniformFresh(seed)) > FRESH_LIMIT_MS, `uniform random choice misses ${FRESH_LIMIT_MS} ms on seed ${seed}`);
      const mine = p99(run);
      if (mine <= FRESH_LIMIT_MS) continue;
      const { culprits, run: recorded } = withSlowest(run, 3);
      throw new PropertyViolation({
        property: `With fresh counts your policy's p99 latency was ${mine} ms; it must be at most ${FRESH_LIMIT_MS} ms. ${cause(run)}`,
        seed,
        trace: [
          `${TRAFFIC.ratePerSec} requests a second for ${TRAFFIC.stopMs} ms; fast backends take ${FAST_MS} ms a request, slow ones ${SLOW_MS} ms, one at a time`,
          `your policy sent: ${sharesOf(run)}`,
          `the slowest requests: ${culprits.map((op) => `${(op.completedAt as number) - op.invokedAt} ms at ${String(op.output)}`).join(', ')}`,
        ],
        run: recorded,
      });
    }
  });

  test(`keeps the p99 latency within ${STALE_LIMIT_MS} ms when the counts are up to ${REPORT_EVERY_MS} ms old`, () => {
    for (const seed of SEEDS) {
      const run = learnerRun(staleRun(seed));
      expectShape(run.oldestViewMs >= REPORT_EVERY_MS, `requests routed on counts ${REPORT_EVERY_MS} ms old`);
      expectShape(p99(leastLoadedStale(seed)) > STALE_LIMIT_MS, `least connections herds and misses ${STALE_LIMIT_MS} ms on seed ${seed}`);
      const mine = p99(run);
      if (mine <= STALE_LIMIT_MS) continue;
      const { culprits, run: recorded } = withSlowest(run, 3);
      throw new PropertyViolation({
        property: `With counts up to ${REPORT_EVERY_MS} ms old your policy's p99 latency was ${mine} ms; it must be at most ${STALE_LIMIT_MS} ms. ${cause(run)}`,
        seed,
        trace: [
          `${TRAFFIC.ratePerSec} requests a second for ${TRAFFIC.stopMs} ms; each backend reports its requests in flight every ${REPORT_EVERY_MS} ms`,
          `your policy sent: ${sharesOf(run)}`,
          `the slowest requests: ${culprits.map((op) => `${(op.completedAt as number) - op.invokedAt} ms at ${String(op.output)}`).join(', ')}`,
        ],
        run: recorded,
      });
    }
  });

  test(`sends no backend more than ${HERD_LIMIT} requests in one ${REPORT_EVERY_MS} ms when the counts are up to ${REPORT_EVERY_MS} ms old`, () => {
    for (const seed of SEEDS) {
      const run = learnerRun(staleRun(seed));
      expectShape(run.oldestViewMs >= REPORT_EVERY_MS, `requests routed on counts ${REPORT_EVERY_MS} ms old`);
      expectShape(biggestHerd(leastLoadedStale(seed), REPORT_EVERY_MS).requests > HERD_LIMIT, `least connections herds more than ${HERD_LIMIT} requests onto one backend on seed ${seed}`);
      const herd = biggestHerd(run, REPORT_EVERY_MS);
      if (herd.requests <= HERD_LIMIT) continue;
      const inWindow = run.routed.filter(({ atMs }) => atMs >= herd.fromMs && atMs < herd.toMs).length;
      const herded = new Set(herd.ops.slice(-3));
      const culprits = run.sim.history().filter((op) => herded.has(op.id));
      throw new PropertyViolation({
        property: `With counts up to ${REPORT_EVERY_MS} ms old your policy sent ${herd.requests} of the ${inWindow} requests between ${herd.fromMs} and ${herd.toMs} ms to ${herd.backend}: a herd. At most ${HERD_LIMIT} may go to one backend in ${REPORT_EVERY_MS} ms; a fast backend serves ${REPORT_EVERY_MS / FAST_MS} in that time.`,
        seed,
        trace: [
          `${TRAFFIC.ratePerSec} requests a second for ${TRAFFIC.stopMs} ms; each backend reports its requests in flight every ${REPORT_EVERY_MS} ms`,
          `your policy sent: ${sharesOf(run)}`,
          `the last requests of the herd waited ${culprits.map((op) => `${(op.completedAt as number) - op.invokedAt} ms`).join(', ')}`,
        ],
        run: recordRun(run.sim, run.seed, storyEvents(run.sim, culprits)),
      });
    }
  });
});
