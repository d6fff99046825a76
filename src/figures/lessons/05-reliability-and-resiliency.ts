/**
 * Lesson 05's build-time figures, each from real runs of the shared scenarios:
 * - the retry storm (src/scenarios/retry-storm.ts) with and without jitter, as requests per slot;
 * - the cold backend (src/scenarios/guarded-backend.ts) with and without a circuit breaker;
 * - goodput through a server slowdown (src/scenarios/retry-overload.ts) with and without a retry budget.
 * The jittered backoff, the breaker and the retry policy are the exercises' reference solutions: the figures
 * show what the learner is asked to build, at work.
 */
import type { Figure } from '../figure.ts';
import { linePlot } from '../plot.ts';
import { RETRY_STORM, retryStormRun, type RetryPolicy } from '../../scenarios/retry-storm.ts';
import { GUARDED_BACKEND, guardedBackendRun, type Breaker, type BreakerOutcome } from '../../scenarios/guarded-backend.ts';
import { backoffDelay } from '../../../exercises/backoff-jitter/solution.ts';
import { CircuitBreaker } from '../../../exercises/circuit-breaker/solution.ts';
import { GOODPUT_FLOOR, POLICY_OPTIONS, SLOWDOWN, goodputPerSlot, recoveredAt, retryOverloadRun, type RetryOverloadRun } from '../../scenarios/retry-overload.ts';
import { RetryPolicy as BudgetedPolicy } from '../../../exercises/retry-budget/solution.ts';

const SEED = 1;
export const SLOT_MS = 100;
const { baseMs, capMs, maxAttempts } = RETRY_STORM.backoff;

/** Capped exponential backoff that waits the whole window: clients that failed together stay together. */
const withoutJitter: RetryPolicy = (attempt) => (attempt >= maxAttempts ? null : Math.min(capMs, baseMs * 2 ** attempt));
/** The exercise's reference: capped exponential backoff with full jitter. */
const fullJitter: RetryPolicy = (attempt, rng) => backoffDelay(attempt, rng, { ...RETRY_STORM.backoff });

/** How many of `times` fall in each slot of [fromMs, toMs), empty slots included, as plot points. */
function perSlot(times: readonly number[], fromMs: number, toMs: number): [number, number][] {
  const counts = Array.from({ length: Math.ceil((toMs - fromMs) / SLOT_MS) }, () => 0);
  for (const time of times) if (time >= fromMs && time < toMs) counts[Math.floor((time - fromMs) / SLOT_MS)]! += 1;
  return counts.map((count, i) => [fromMs + i * SLOT_MS, count]);
}

/** The storm figure's x range ends when both runs have gone quiet. */
const STORM_UNTIL_MS = 3000;

/** When each request reached the recovered server, without and with jitter. */
export function stormArrivals(): { readonly withoutJitter: readonly number[]; readonly fullJitter: readonly number[] } {
  return { withoutJitter: retryStormRun(withoutJitter, SEED).arrivals, fullJitter: retryStormRun(fullJitter, SEED).arrivals };
}

/** The fullest slot of a run's arrivals: [slot start (ms), requests]. */
export function busiestSlot(arrivals: readonly number[]): [number, number] {
  return perSlot(arrivals, RETRY_STORM.recoverAtMs, STORM_UNTIL_MS).reduce((best, slot) => (slot[1] > best[1] ? slot : best));
}

export function retryStormCompared(arrivals: ReturnType<typeof stormArrivals> = stormArrivals()): Figure {
  const series = ([['no jitter', arrivals.withoutJitter], ['full jitter', arrivals.fullJitter]] as const).map(([name, times]) => ({
    name,
    style: 'step' as const,
    points: perSlot(times, RETRY_STORM.recoverAtMs, STORM_UNTIL_MS),
  }));
  return linePlot({
    title: `Requests reaching a server after it recovers, per ${SLOT_MS} ms: ${RETRY_STORM.clients} clients, with and without jitter (seed ${SEED})`,
    x: { label: 'virtual time (ms)', min: RETRY_STORM.recoverAtMs, max: STORM_UNTIL_MS },
    y: { label: `requests per ${SLOT_MS} ms`, min: 0 },
    series,
  });
}

/** A breaker that is not there: every call goes to the backend. */
const noBreaker: Breaker = { call: (_now, request): BreakerOutcome => (request() ? 'success' : 'failure') };

/** When calls to the cold backend succeeded, without and with the exercise's reference breaker, and when the breaker's callers stopped seeing anything but success. */
export function breakerRuns() {
  const unguarded = guardedBackendRun(noBreaker, { recovers: true }, SEED);
  const guarded = guardedBackendRun(new CircuitBreaker({ ...GUARDED_BACKEND.breaker }), { recovers: true }, SEED);
  const ok = (run: typeof guarded) => run.calls.filter((call) => call.ok).map((call) => call.at);
  // From just after the last failed or refused caller's call, every call succeeds.
  const lastTrouble = Math.max(...guarded.outcomes.filter((outcome) => outcome.outcome !== 'success').map((outcome) => outcome.at));
  return { noBreaker: ok(unguarded), breaker: ok(guarded), allSucceedAfterMs: lastTrouble };
}

export function breakerLetsBackendRecover(runs: ReturnType<typeof breakerRuns> = breakerRuns()): Figure {
  const series = ([['no breaker', runs.noBreaker], ['circuit breaker', runs.breaker]] as const).map(([name, successes]) => ({
    name,
    style: 'step' as const,
    points: perSlot(successes, 0, GUARDED_BACKEND.untilMs),
  }));
  return linePlot({
    title: `Successful calls to a backend that comes back cold at ${GUARDED_BACKEND.recoverAtMs} ms, per ${SLOT_MS} ms, with and without a circuit breaker (seed ${SEED})`,
    x: { label: 'virtual time (ms)', min: 0, max: GUARDED_BACKEND.untilMs },
    y: { label: `successful calls per ${SLOT_MS} ms`, min: 0 },
    series,
    references: [{ axis: 'x', value: GUARDED_BACKEND.recoverAtMs, label: 'backend back (cold)' }],
  });
}

/** The retry-budget figure counts goodput in slots this long: finer than the hidden tests' slots, to show the collapse as it happens. */
export const BUDGET_SLOT_MS = 250;

/** What the lesson says about one run of the overloaded server. */
function overloadSummary(run: RetryOverloadRun) {
  const after = run.served.filter((s) => s.atMs >= SLOWDOWN.endMs);
  return {
    goodput: goodputPerSlot(run, BUDGET_SLOT_MS),
    attemptsPerRequest: run.attemptsAt.length / run.requests.length,
    recoveredAtMs: recoveredAt(goodputPerSlot(run), GOODPUT_FLOOR),
    servedAfterSlowdown: after.length,
    servedForNobodyAfterSlowdown: after.filter((s) => !s.wanted).length,
  };
}

/**
 * The overloaded server twice: clients with the retry-budget exercise's reference policy, and clients with the
 * same policy (the same attempts per request, the same jittered waits) but a bucket too big to ever run dry.
 */
export function budgetRuns() {
  return {
    budget: overloadSummary(retryOverloadRun(() => new BudgetedPolicy({ ...POLICY_OPTIONS }), SEED)),
    noBudget: overloadSummary(retryOverloadRun(() => new BudgetedPolicy({ ...POLICY_OPTIONS, capacity: Number.MAX_SAFE_INTEGER }), SEED)),
  };
}

export function budgetLetsServerRecover(runs: ReturnType<typeof budgetRuns> = budgetRuns()): Figure {
  const series = ([['jittered retries, no budget', runs.noBudget], ['jittered retries with a retry budget', runs.budget]] as const).map(([name, run]) => ({
    name,
    style: 'step' as const,
    points: run.goodput.map((count, i): [number, number] => [i * BUDGET_SLOT_MS, count]),
  }));
  return linePlot({
    title: `Successful requests per ${BUDGET_SLOT_MS} ms from six clients, through a server slowdown from ${SLOWDOWN.startMs} to ${SLOWDOWN.endMs} ms, with and without a retry budget (seed ${SEED})`,
    x: { label: 'virtual time (ms)', min: 0, max: runs.budget.goodput.length * BUDGET_SLOT_MS },
    y: { label: `successful requests per ${BUDGET_SLOT_MS} ms`, min: 0 },
    series,
    references: [
      { axis: 'x', value: SLOWDOWN.startMs, label: 'slowdown starts' },
      { axis: 'x', value: SLOWDOWN.endMs, label: 'full speed again' },
    ],
  });
}

