import { defineTests, test, expect, PropertyViolation, sharedRuns, storyLines, checkObjectsAgainstReference, fc } from '../../src/testkit/index.ts';
import { detectionDeadline, runHealthChecked, type HealthCheckedOptions, type HealthCheckedRun, type MakeBalancer } from '../../src/scenarios/health-checked-backends.ts';
import type { Operation } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const OUTAGE = { backend: 'b2', crashAtMs: 1030, restartAtMs: 2530 };
const SCENARIO: Omit<HealthCheckedOptions, 'makeBalancer'> = {
  rules: { failAfter: 3, passAfter: 2 },
  intervalMs: 100,
  timeoutMs: 50,
  ratePerSec: 200,
  stopMs: 4000,
  outage: OUTAGE,
  workMs: 10,
  userTimeoutMs: 500,
};
/** By then the restarted backend has passed passAfter checks (one round to start, plus slack of one round). */
const READMITTED_BY_MS = OUTAGE.restartAtMs + (SCENARIO.rules.passAfter + 1) * SCENARIO.intervalMs + SCENARIO.timeoutMs;

const makeBalancer = (learner: Learner): MakeBalancer => (backends, rules) => new learner.HealthCheckedBalancer([...backends], { ...rules });

/** The two simulation tests judge the same runs: each seed runs (twice) once per grading, shared by both. */
const runsOf = (learner: Learner): ((seed: number) => HealthCheckedRun) =>
  sharedRuns((seed) => runHealthChecked({ makeBalancer: makeBalancer(learner), ...SCENARIO }, seed));

/** The checks of the crashed backend from `fromMs` on, as lines: "t=1150ms  check of b2 failed". */
function checkLines(result: HealthCheckedRun, fromMs: number, count: number, toMs = Infinity): string[] {
  return result.checks
    .filter((check) => check.backend === OUTAGE.backend && check.at >= fromMs && check.at <= toMs)
    .slice(0, count)
    .map((check) => `t=${check.at}ms  health check of ${check.backend} ${check.ok ? 'passed' : 'failed'}`);
}

function picks(balancer: { pick(): string | null }, count: number): (string | null)[] {
  return Array.from({ length: count }, () => balancer.pick());
}

/**
 * One to four backends in any order, failAfter and passAfter mostly 1 or 2 (so backends go down and come back
 * within a run) and sometimes up to 6; checks that pass or fail for any of the backends, and picks.
 */
const BACKENDS = ['b1', 'b2', 'b3', 'b4'];
const rule = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 2 }), weight: 3 }, { arbitrary: fc.integer({ min: 3, max: 6 }), weight: 1 });
const balancerArgs = fc.tuple(fc.shuffledSubarray(BACKENDS, { minLength: 1 }), fc.record({ failAfter: rule, passAfter: rule }));
const balancerCall = fc.oneof(
  { arbitrary: fc.constant({ method: 'pick', args: [] }), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...BACKENDS), fc.boolean()).map(([backend, ok]) => ({ method: 'report', args: [backend, ok] })), weight: 2 },
);
/** The prompt's calls: checks are reported only for the balancer's own backends. */
const isOwnBackend = (call: { method: string; args: readonly unknown[] }, reference: object) =>
  call.method === 'pick' || (reference as unknown as { backends: readonly string[] }).backends.includes(call.args[0] as string);

export default defineTests<Learner>((learner) => {
  const run = runsOf(learner);
  test('takes turns over the healthy backends, fair within ±1', () => {
    const balancer = new learner.HealthCheckedBalancer(['a', 'b', 'c'], { failAfter: 1, passAfter: 1 });
    expect(picks(balancer, 6), 'six picks over a, b, c, all healthy').toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    balancer.report('b', false);
    const sequence = picks(balancer, 8);
    const count = (backend: string) => sequence.filter((picked) => picked === backend).length;
    expect(sequence.includes('b'), `eight picks after b failed its check (failAfter = 1): ${sequence.join(' ')} — b is out`).toBe(false);
    expect(Math.abs(count('a') - count('c')) <= 1, `eight picks after b failed its check: ${sequence.join(' ')} — a and c should get 4 each, within ±1`).toBe(true);
  });

  test('takes a backend out after failAfter failed checks in a row', () => {
    const balancer = new learner.HealthCheckedBalancer(['a', 'b'], { failAfter: 3, passAfter: 2 });
    for (const ok of [false, false, true, false, false]) balancer.report('b', ok);
    expect(picks(balancer, 4), 'picks after b’s checks went fail, fail, pass, fail, fail (failAfter = 3)').toEqual(['a', 'b', 'a', 'b']);
    balancer.report('b', false);
    expect(picks(balancer, 4), 'picks after a third failed check in a row').toEqual(['a', 'a', 'a', 'a']);
  });

  test('brings a backend back after passAfter passed checks in a row', () => {
    const balancer = new learner.HealthCheckedBalancer(['a', 'b'], { failAfter: 1, passAfter: 2 });
    balancer.report('b', false);
    for (const ok of [true, false, true]) balancer.report('b', ok);
    expect(picks(balancer, 2), 'picks after b went down, then passed, failed, passed (passAfter = 2)').toEqual(['a', 'a']);
    balancer.report('b', true);
    expect(picks(balancer, 4), 'picks after a second passed check in a row').toContain('b');
    // Coming back starts the count of failures afresh: the passes that brought b back are not failures.
    const back = new learner.HealthCheckedBalancer(['a', 'b'], { failAfter: 3, passAfter: 2 });
    for (const ok of [false, false, false, true, true, false]) back.report('b', ok);
    expect(picks(back, 4), 'picks after b’s checks went fail, fail, fail (out), pass, pass (back), fail (failAfter = 3, passAfter = 2) — one failure is not three').toEqual(['a', 'b', 'a', 'b']);
  });

  test('returns null when every backend is down', () => {
    const balancer = new learner.HealthCheckedBalancer(['a', 'b'], { failAfter: 1, passAfter: 1 });
    balancer.report('a', false);
    balancer.report('b', false);
    expect(picks(balancer, 2), 'picks with a and b both down').toEqual([null, null]);
    balancer.report('b', true);
    expect(picks(balancer, 2), 'picks once b passed a check (passAfter = 1)').toEqual(['b', 'b']);
    // A pick that finds nobody healthy looks at each backend once, so the turn ends where it began.
    const three = new learner.HealthCheckedBalancer(['a', 'b', 'c'], { failAfter: 1, passAfter: 1 });
    expect(three.pick(), 'the first pick over a, b, c').toBe('a');
    for (const backend of ['a', 'b', 'c']) three.report(backend, false);
    expect(three.pick(), 'a pick with a, b and c all down').toBe(null);
    for (const backend of ['a', 'b', 'c']) three.report(backend, true);
    expect(picks(three, 3), 'picks over a, b, c after: a pick (a), all down, a pick (null), all back — the turn goes on from b').toEqual(['b', 'c', 'a']);
  });

  test('two balancers side by side agree with the reference, call by call', () => {
    checkObjectsAgainstReference({
      make: 'new HealthCheckedBalancer', makeArgs: balancerArgs, instances: 2, maxCalls: 30, call: balancerCall, valid: isOwnBackend,
      learner: (backends, rules) => new learner.HealthCheckedBalancer(backends, rules),
      reference: (backends, rules) => new Reference.HealthCheckedBalancer(backends, rules),
      seed: 2741, runs: 50,
    });
  });

  test('sends no request to a crashed backend after the detection window', () => {
    const deadline = detectionDeadline(SCENARIO, OUTAGE.crashAtMs);
    for (const seed of SEEDS) {
      const result = run(seed);
      // The situation under test: b2 was in rotation before it crashed, and requests kept coming while it was down.
      const before = result.routed.some(({ at, backend }) => backend === OUTAGE.backend && at < OUTAGE.crashAtMs);
      const during = result.routed.some(({ at }) => at > deadline && at < OUTAGE.restartAtMs);
      if (!before || !during) {
        throw new PropertyViolation({
          property: `${before ? `The balancer routed no request at all between ${deadline} and ${OUTAGE.restartAtMs} ms, while ${OUTAGE.backend} was down and the other backends were healthy` : `The balancer sent ${OUTAGE.backend} no request before it crashed at ${OUTAGE.crashAtMs} ms, although it was healthy`}, so this test cannot judge whether a crashed backend is taken out of rotation: pick every healthy backend in turn.`,
          seed,
          trace: [`t=${OUTAGE.crashAtMs}ms  ${OUTAGE.backend} crashes`, ...checkLines(result, OUTAGE.crashAtMs, SCENARIO.rules.failAfter + 2)],
        });
      }
      const late = result.routed.find(({ at, backend }) => backend === OUTAGE.backend && at > deadline && at < OUTAGE.restartAtMs);
      if (late === undefined) continue;
      throw new PropertyViolation({
        property: `At ${late.at} ms the balancer sent a request to ${OUTAGE.backend}, which crashed at ${OUTAGE.crashAtMs} ms; with failAfter = ${SCENARIO.rules.failAfter} and a check every ${SCENARIO.intervalMs} ms (timeout ${SCENARIO.timeoutMs} ms) it should have been out of rotation by ${deadline} ms.`,
        seed,
        trace: [
          `t=${OUTAGE.crashAtMs}ms  ${OUTAGE.backend} crashes`,
          ...checkLines(result, OUTAGE.crashAtMs, SCENARIO.rules.failAfter + 2, late.at),
          ...storyLines(result.sim, [result.history.find((op) => op.id === late.op) as Operation]).slice(-4),
        ],
      });
    }
  });

  test('sends requests to a restarted backend again once it passes its checks', () => {
    for (const seed of SEEDS) {
      const result = run(seed);
      const after = result.routed.filter(({ at }) => at >= READMITTED_BY_MS);
      const share = after.filter(({ backend }) => backend === OUTAGE.backend).length / Math.max(1, after.length);
      if (share >= 0.25) continue;
      throw new PropertyViolation({
        property: `${OUTAGE.backend} restarted at ${OUTAGE.restartAtMs} ms and passed its health checks, but of the ${after.length} requests from ${READMITTED_BY_MS} ms on it got ${Math.round(share * 100)}% (a third would be its fair share).`,
        seed,
        trace: [`t=${OUTAGE.restartAtMs}ms  ${OUTAGE.backend} restarts`, ...checkLines(result, OUTAGE.restartAtMs, SCENARIO.rules.passAfter + 2)],
      });
    }
  });
});
