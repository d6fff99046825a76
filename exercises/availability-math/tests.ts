import {
  defineTests,
  test,
  expect,
  PropertyViolation,
  buildHistory,
  sharedRuns,
  measureAvailability,
  runTwice,
  checkAgainstReference,
  fc,
} from '../../src/testkit/index.ts';
import { replicaOutageRun, type ReplicaOutageRun } from '../../src/scenarios/replica-outages.ts';
import { PEAK_LOAD_OUTAGE, peakLoadOutageRun } from './scenario.ts';
import { formatTraceLines } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Two replicas, each up about 80% of the time (up ~400 ms, then ~100 ms of repair), for 500 s. */
const TWO_REPLICAS = { replicas: ['A', 'B'], meanUpMs: 400, meanDownMs: 100, horizonMs: 500_000 } as const;
const COMPOSITION_SEEDS = [1, 2, 3];
const TOLERANCE = 0.01;
const PEAK_SEEDS = [1, 2];

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/** The first crashes and repairs of a run, as trace lines. */
function firstOutages(run: ReplicaOutageRun): string[] {
  return formatTraceLines(run.sim.trace.events().filter((event) => event.kind === 'crash' || event.kind === 'restart').slice(0, 6));
}

/** Crash-and-repair runs of the two replicas, simulated once per seed per grading: the learner's code gets numbers and copies. */
const twoReplicaRuns = sharedRuns((seed) => replicaOutageRun(TWO_REPLICAS, seed));
const longTwoReplicaRuns = sharedRuns((seed) => replicaOutageRun({ ...TWO_REPLICAS, horizonMs: 100_000 }, seed));

/** Availabilities in [0, 1], with both ends and the usual nines coming up often. */
const availability = fc.oneof(fc.constantFrom(0, 1, 0.5, 0.9, 0.99, 0.999), fc.double({ min: 0, max: 1, noNaN: true }));
const parts = fc.array(availability, { maxLength: 6 }).map((list): [number[]] => [list]);
/** Times near each other, so touching, nested and equal edges come up often, shifted by a small or large offset. */
const nearTime = fc.integer({ min: 0, max: 20 });
const offset = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 40 }));
const outageInputs = fc
  .tuple(fc.array(fc.tuple(nearTime, fc.integer({ min: 0, max: 12 })), { maxLength: 8 }), nearTime, fc.integer({ min: 1, max: 20 }), offset)
  .map(([outages, from, width, shift]): [Solution.Outage[], number, number] => [
    outages.map(([start, length]) => ({ from: shift + start, to: shift + start + length })),
    shift + from,
    shift + from + width,
  ]);
const requestRecord = fc
  .tuple(fc.constantFrom('ok', 'fail', 'unknown', 'pending'), fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(60))
  .map(([outcome, invokedAt, tookMs]): Solution.RequestRecord =>
    outcome === 'pending' ? { outcome, invokedAt } : { outcome, invokedAt, completedAt: invokedAt + tookMs });
const requestInputs = fc.tuple(fc.array(requestRecord, { maxLength: 8 }), fc.nat(60));
const budgetInputs = fc.tuple(availability, fc.oneof(fc.nat(1000), fc.nat(2 ** 45)));

export default defineTests<Learner>((learner) => {
  test('composeSerial: two 99.9% parts in series give 99.8001%', () => {
    expect(learner.composeSerial([0.999, 0.999]), 'composeSerial([0.999, 0.999])').toBeCloseTo(0.998001, 12);
    expect(learner.composeSerial([0.99, 0.9, 0.5]), 'composeSerial([0.99, 0.9, 0.5])').toBeCloseTo(0.4455, 12);
    expect(learner.composeSerial([0.95]), 'composeSerial([0.95])').toBeCloseTo(0.95, 12);
    expect(learner.composeSerial([]), 'composeSerial([]) — nothing that can fail').toBe(1);
  });

  test('composeParallel: two 99.9% replicas give 99.9999%', () => {
    expect(learner.composeParallel([0.999, 0.999]), 'composeParallel([0.999, 0.999])').toBeCloseTo(0.999999, 12);
    expect(learner.composeParallel([0.9, 0.9, 0.9]), 'composeParallel([0.9, 0.9, 0.9])').toBeCloseTo(0.999, 12);
    expect(learner.composeParallel([0.5, 0.8]), 'composeParallel([0.5, 0.8])').toBeCloseTo(0.9, 12);
    expect(learner.composeParallel([]), 'composeParallel([]) — no replica to serve').toBe(0);
  });

  test('downtimeBudgetMs: 99.99% over 30 days allows 259 200 ms', () => {
    const cases = [
      [0.9999, 30 * DAY_MS, 259_200],
      [0.999, 30 * DAY_MS, 2_592_000],
      [0.99999, 365 * DAY_MS, 315_360],
      [0.95, 60 * 60 * 1000, 180_000],
      [1, 30 * DAY_MS, 0],
    ] as const;
    for (const [slo, periodMs, budget] of cases) {
      expect(learner.downtimeBudgetMs(slo, periodMs), `downtimeBudgetMs(${slo}, ${periodMs})`).toBe(budget);
    }
  });

  test('the simulated two-replica service matches your formulas within 1 percentage point', () => {
    for (const seed of COMPOSITION_SEEDS) {
      const run = twoReplicaRuns(seed);
      const parts = TWO_REPLICAS.replicas.map((replica) => run.uptime.replica[replica]!);
      const shown = `[${parts.map((p) => p.toFixed(4)).join(', ')}]`;
      const measured = `replica A was up ${percent(parts[0]!)} and B ${percent(parts[1]!)} of the time`;
      const checks = [
        { name: 'composeParallel', predicted: learner.composeParallel(parts), actual: run.uptime.anyUp, what: 'at least one replica was up (a redundant pair)' },
        { name: 'composeSerial', predicted: learner.composeSerial(parts), actual: run.uptime.allUp, what: 'both replicas were up (a chain that needs both)' },
      ];
      for (const { name, predicted, actual, what } of checks) {
        if (typeof predicted === 'number' && Math.abs(predicted - actual) <= TOLERANCE) continue;
        throw new PropertyViolation({
          property: `In ${TWO_REPLICAS.horizonMs} ms of simulated crashes and repairs, ${measured}. ${name}(${shown}) returned ${typeof predicted === 'number' ? percent(predicted) : JSON.stringify(predicted)}, but ${what} ${percent(actual)} of the time; the two must agree within ${TOLERANCE * 100} percentage point.`,
          seed,
          trace: firstOutages(run),
        });
      }
    }
  });

  test('uptimeFraction merges overlapping outages and clips them to the window', () => {
    const cases = [
      [[], 0, 1000, 1],
      [[{ from: 0, to: 100 }], 0, 1000, 0.9],
      [[{ from: 100, to: 300 }, { from: 200, to: 400 }], 0, 1000, 0.7],
      [[{ from: 100, to: 500 }, { from: 200, to: 300 }], 0, 1000, 0.6],
      [[{ from: 100, to: 200 }, { from: 200, to: 300 }], 0, 1000, 0.8],
      [[{ from: 600, to: 700 }, { from: 100, to: 200 }], 0, 1000, 0.8],
      [[{ from: -100, to: 100 }, { from: 900, to: 1500 }], 0, 1000, 0.8],
      [[{ from: 1100, to: 1200 }, { from: 500, to: 900 }], 1000, 2000, 0.9],
    ] as const;
    for (const [outages, fromMs, toMs, expected] of cases) {
      const call = `uptimeFraction(${JSON.stringify(outages)}, ${fromMs}, ${toMs})`;
      expect(learner.uptimeFraction(outages.map((o) => ({ ...o })), fromMs, toMs), call).toBeCloseTo(expected, 12);
    }
    // Outages of two simulated replicas overlap often: together they must give the time both were up.
    const run = longTwoReplicaRuns(4);
    const both = [...run.outages['A']!, ...run.outages['B']!].map((o) => ({ ...o }));
    const answer = learner.uptimeFraction(both, 0, run.horizonMs);
    if (typeof answer !== 'number' || Math.abs(answer - run.uptime.allUp) > 1e-9) {
      throw new PropertyViolation({
        property: `Given every outage of replicas A and B (${both.length} of them, some overlapping), uptimeFraction(outages, 0, ${run.horizonMs}) returned ${JSON.stringify(answer)}, but the time with no outage at all was ${run.uptime.allUp}: time covered by two outages at once must count once.`,
        seed: run.seed,
        trace: firstOutages(run),
      });
    }
  });

  test('agrees with the reference on generated inputs', () => {
    checkAgainstReference({ name: 'composeSerial', seed: 1511, runs: 40, inputs: parts, learner: learner.composeSerial, reference: Reference.composeSerial });
    checkAgainstReference({ name: 'composeParallel', seed: 1512, runs: 40, inputs: parts, learner: learner.composeParallel, reference: Reference.composeParallel });
    checkAgainstReference({
      name: 'downtimeBudgetMs', seed: 1513, runs: 40, inputs: budgetInputs, learner: learner.downtimeBudgetMs, reference: Reference.downtimeBudgetMs,
      // (1 − slo) · periodMs rounded: another order of the same arithmetic may round a float's last bit the other way.
      judge: (got, _expected, [slo, periodMs]) => {
        const exact = (1 - slo) * periodMs;
        if ('threw' in got) return `should return ${exact} rounded to a whole millisecond, but yours threw: ${got.threw}`;
        const ok = Number.isInteger(got.returned) && Math.abs(got.returned - exact) <= 0.5 + 1e-9 * Math.max(1, exact);
        return ok ? null : `should return (1 − ${slo}) · ${periodMs} = ${exact} rounded to the nearest whole millisecond, but yours returned ${got.returned}.`;
      },
    });
    checkAgainstReference({ name: 'uptimeFraction', seed: 1514, runs: 80, inputs: outageInputs, learner: learner.uptimeFraction, reference: Reference.uptimeFraction });
    checkAgainstReference({ name: 'requestAvailability', seed: 1515, runs: 40, inputs: requestInputs, learner: learner.requestAvailability, reference: Reference.requestAvailability });
  });

  test('peak-hour outage: request-based and time-based availability differ', () => {
    const r = (outcome: 'ok' | 'fail' | 'unknown' | 'pending', at: readonly [number, number]) => ({ client: 'c1', f: 'get', outcome, at });
    const small = buildHistory([r('ok', [0, 40]), r('ok', [50, 91]), r('fail', [100, 101]), r('unknown', [200, 260]), r('pending', [300, 300])]);
    expect(learner.requestAvailability(structuredClone([...small]), 40), 'requestAvailability of [ok in 40 ms, ok in 41 ms, fail, unknown, pending] with a 40 ms deadline').toBeCloseTo(0.2, 12);
    expect(learner.requestAvailability([], 40), 'requestAvailability([], 40)').toBe(1);

    const { deadlineMs } = PEAK_LOAD_OUTAGE;
    for (const seed of PEAK_SEEDS) {
      const run = runTwice(seed, peakLoadOutageRun);
      const uptime = learner.uptimeFraction(run.outages.map((o) => ({ ...o })), 0, run.horizonMs);
      const expectedUptime = 1 - run.outages.reduce((sum, o) => sum + o.to - o.from, 0) / run.horizonMs;
      expect(uptime, `uptimeFraction(server outages ${JSON.stringify(run.outages)}, 0, ${run.horizonMs})`).toBeCloseTo(expectedUptime, 12);
      const measured = measureAvailability(run.history, { deadlineMs });
      // A deep copy: the history's operations are what `measured` and the message describe.
      const answer = learner.requestAvailability(structuredClone([...run.history]), deadlineMs);
      if (answer === measured.fraction) continue;
      throw new PropertyViolation({
        property: `On the peak-hour run the server was up ${percent(expectedUptime)} of the time, and ${measured.answered} of ${measured.total} requests got a successful reply within ${deadlineMs} ms (${percent(measured.fraction)}), but requestAvailability(history, ${deadlineMs}) returned ${JSON.stringify(answer)}. A reply after the deadline, a refusal, a timeout or no reply yet all count against availability.`,
        seed,
        trace: [],
      });
    }
  });
});
