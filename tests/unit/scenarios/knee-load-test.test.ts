import { describe, expect, it } from 'vitest';
import { KNEE_SERVERS, MAX_USERS, SLO_MS, kneeOf, stepRun, type KneeServer } from '../../../src/scenarios/knee-load-test.ts';

/** The seeds the hidden tests grade each server on. */
const GRADED: Readonly<Record<KneeServer, readonly number[]>> = { slow: [1], locked: [1], pool: [1], tail: [1, 2, 3] };

const p99s = (server: KneeServer, seed: number) => Array.from({ length: MAX_USERS }, (_, i) => stepRun(KNEE_SERVERS[server], i + 1, false, seed, false).result.p99Ms);

describe('the knee-finding load test', () => {
  it('crosses the SLO once on every graded server and seed, so bisection finds the knee that a scan of every level finds', () => {
    for (const [server, seeds] of Object.entries(GRADED) as [KneeServer, readonly number[]][]) {
      for (const seed of seeds) {
        const meets = p99s(server, seed).map((p99) => p99 <= SLO_MS);
        const scanned = meets.indexOf(false) === -1 ? MAX_USERS : meets.indexOf(false);
        expect(meets.slice(scanned).every((met) => !met), `${server} on seed ${seed}: every level above the knee misses`).toBe(true);
        expect(kneeOf((users) => stepRun(KNEE_SERVERS[server], users, false, seed, false).result), `${server} on seed ${seed}`).toBe(scanned);
      }
    }
  });

  it('gives each server the knee its shape claims', () => {
    const knee = (server: KneeServer, seed = 1) => kneeOf((users) => stepRun(KNEE_SERVERS[server], users, false, seed, false).result);
    expect(knee('slow')).toBe(0);
    expect(knee('locked')).toBe(12);
    expect(knee('pool')).toBe(17);
    expect([1, 2, 3].map((seed) => knee('tail', seed))).toEqual([6, 12, 11]);
  });

  it('does the same work on every seed for the constant servers, so one seed grades them', () => {
    for (const server of ['slow', 'locked', 'pool'] as const) expect(p99s(server, 2), server).toEqual(p99s(server, 1));
  });

  it('makes a hiccup miss the SLO at any load, and leaves a clean step alone', () => {
    for (const users of [1, 6, 12]) {
      const hit = stepRun(KNEE_SERVERS.tail, users, true, 1, false).result;
      expect(hit.p99Ms, `a hiccup at ${users} users`).toBeGreaterThan(SLO_MS);
    }
    expect(stepRun(KNEE_SERVERS.tail, 1, false, 1, false).result.p99Ms).toBeLessThanOrEqual(SLO_MS);
  });

  it('replays a step exactly from its seed, traced or not', () => {
    const traced = stepRun(KNEE_SERVERS.tail, 9, true, 2, true);
    const again = stepRun(KNEE_SERVERS.tail, 9, true, 2, true);
    expect(again.sim.fingerprint()).toBe(traced.sim.fingerprint());
    expect(stepRun(KNEE_SERVERS.tail, 9, true, 2, false).result).toEqual(traced.result);
  });
});
