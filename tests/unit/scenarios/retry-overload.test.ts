import { describe, expect, it } from 'vitest';
import {
  CLIENTS, GOODPUT_FLOOR, POLICY_OPTIONS, REQUESTS_UNTIL_MS, RESTART, SLOT_MS, SLOWDOWN, goodputPerSlot, plainDelay, recoveredAt, refusedByRestart, restartRun, retryOverloadRun, type PolicyLike,
} from '../../../src/scenarios/retry-overload.ts';
import { RetryPolicy } from '../../../exercises/retry-budget/solution.ts';

const SEEDS = [1, 2, 3];
const withBudget = (): PolicyLike => new RetryPolicy({ ...POLICY_OPTIONS });
/** The reference's attempts and waits, with a bucket that never runs dry. */
const withoutBudget = (): PolicyLike => new RetryPolicy({ ...POLICY_OPTIONS, capacity: Number.MAX_SAFE_INTEGER });
const neverRetries = (): PolicyLike => ({ onSuccess: () => undefined, onFailure: () => null });
/** The reference's budget, but every retry waits the same 100 ms. */
const fixedWait = (): PolicyLike => {
  const budget = new RetryPolicy({ ...POLICY_OPTIONS });
  return { onSuccess: () => budget.onSuccess(), onFailure: (attempts, rng) => (budget.onFailure(attempts, rng) === null ? null : 100) };
};

/** How many requests the restart refused, how many of them succeeded, and how long after the restart the last was refused. */
function refusedTogether(run: ReturnType<typeof restartRun>) {
  const caught = refusedByRestart(run);
  const ids = new Set(caught.map((r) => r.id));
  const lastRefusedAt = Math.max(...run.refused.filter((r) => ids.has(r.id) && r.attempt === 1).map((r) => r.atMs));
  return { caught: caught.length, succeeded: caught.filter((r) => r.succeededAt !== null).length, within: lastRefusedAt - RESTART.atMs };
}

const forNobodyDuringSlowdown = (run: ReturnType<typeof retryOverloadRun>) =>
  run.served.filter((s) => !s.wanted && s.atMs >= SLOWDOWN.startMs && s.atMs < SLOWDOWN.endMs).length;

describe('the retry overload scenario', () => {
  it('overloads the server during the slowdown on every seed, whatever the clients do', () => {
    for (const seed of SEEDS) {
      for (const make of [withBudget, withoutBudget, neverRetries]) {
        const run = retryOverloadRun(make, seed);
        expect(forNobodyDuringSlowdown(run)).toBeGreaterThanOrEqual(10);
        const slots = goodputPerSlot(run);
        expect(Math.min(...slots.slice(SLOWDOWN.startMs / SLOT_MS, SLOWDOWN.endMs / SLOT_MS))).toBeLessThan(GOODPUT_FLOOR);
      }
    }
  });

  it('stays collapsed after the slowdown without a budget, and recovers within a second with one', () => {
    for (const seed of SEEDS) {
      const collapsed = retryOverloadRun(withoutBudget, seed);
      expect(recoveredAt(goodputPerSlot(collapsed), GOODPUT_FLOOR)).toBe(null);
      expect(collapsed.attemptsAt.length / collapsed.requests.length).toBeGreaterThan(2);
      const late = collapsed.served.filter((s) => s.atMs >= SLOWDOWN.endMs + 1000);
      expect(late.filter((s) => !s.wanted).length / late.length).toBeGreaterThan(0.9);

      const recovered = retryOverloadRun(withBudget, seed);
      expect(recoveredAt(goodputPerSlot(recovered), GOODPUT_FLOOR)).toBeLessThanOrEqual(SLOWDOWN.endMs + 1000);
      expect(recovered.attemptsAt.length / recovered.requests.length).toBeLessThan(1.2);
    }
  });

  it('starts the same requests whatever the policy, six every 100 ms, and finishes every one by the end', () => {
    for (const make of [withBudget, neverRetries]) {
      const run = retryOverloadRun(make, 1);
      expect(run.requests).toHaveLength((6 * REQUESTS_UNTIL_MS) / 100);
      expect(run.requests.every((r) => (r.succeededAt === null) !== (r.gaveUpAt === null))).toBe(true);
      expect(run.requests.every((r) => r.attempts >= 1 && r.attempts <= POLICY_OPTIONS.maxAttempts)).toBe(true);
    }
    const never = retryOverloadRun(neverRetries, 1);
    expect(never.attemptsAt).toHaveLength(never.requests.length);
  });

  it('counts goodput per slot and finds where it recovers for good', () => {
    const slots = Array.from({ length: REQUESTS_UNTIL_MS / SLOT_MS }, () => 30);
    expect(recoveredAt(slots, 24)).toBe(SLOWDOWN.endMs);
    slots[SLOWDOWN.endMs / SLOT_MS + 2] = 23;
    expect(recoveredAt(slots, 24)).toBe(SLOWDOWN.endMs + 3 * SLOT_MS);
    slots[slots.length - 1] = 0;
    expect(recoveredAt(slots, 24)).toBe(null);
  });

  it('takes only null or a whole number of ms from 0 to 1000 as an answer, and records anything else', () => {
    expect([null, 0, 1000, 250].map(plainDelay)).toEqual([null, 0, 1000, 250]);
    expect([undefined, -1, 1001, 2.5, Number.NaN, '10', { valueOf: () => 5 }].map(plainDelay)).toEqual(Array(7).fill('invalid'));
    const run = retryOverloadRun(() => ({ onSuccess: () => undefined, onFailure: () => 'soon' }), 1);
    expect(run.invalidAnswers[0]).toBe('onFailure(1, rng) returned "soon"');
    expect(run.attemptsAt).toHaveLength(run.requests.length);
  });

  it('the restart refuses the whole batch within a few milliseconds, whatever the clients do', () => {
    for (const seed of SEEDS) {
      for (const make of [withBudget, fixedWait, neverRetries]) {
        const { caught, within } = refusedTogether(restartRun(make, seed));
        expect(caught).toBeGreaterThanOrEqual(CLIENTS * RESTART.requestsPerClient);
        expect(within).toBeLessThan(RESTART.backMs - RESTART.atMs);
      }
    }
  });

  it('after the restart, jittered retries fit the short queue and retries that wait the same time do not', () => {
    for (const seed of SEEDS) {
      const jittered = refusedTogether(restartRun(withBudget, seed));
      expect(jittered.succeeded).toBeGreaterThanOrEqual((2 / 3) * jittered.caught);
      const fixed = restartRun(fixedWait, seed);
      expect(refusedTogether(fixed).succeeded).toBeLessThan((2 / 3) * refusedTogether(fixed).caught);
      expect(fixed.rejectedAt.length).toBeGreaterThan(0);
    }
    expect(refusedTogether(restartRun(neverRetries, 1)).succeeded).toBe(0);
  });

  it('replays identically for a seed', () => {
    expect(restartRun(withBudget, 2).sim.fingerprint()).toBe(restartRun(withBudget, 2).sim.fingerprint());
    expect(retryOverloadRun(withBudget, 2).sim.fingerprint()).toBe(retryOverloadRun(withBudget, 2).sim.fingerprint());
  });
});
