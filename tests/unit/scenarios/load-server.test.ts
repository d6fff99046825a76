import { describe, expect, it } from 'vitest';
import {
  capacityPerSec, closedLoadRun, latencySamples, loadTestRuns, openLoadRun, rateForUtilisation, requestRecords, utilisation,
  type ServerSpec,
} from '../../../src/scenarios/load-server.ts';
import { BOTTLENECK_SERVERS, LOAD_STEPS, SLO_MS, STEP_MS } from '../../../src/scenarios/bottleneck-servers.ts';
import { nearestRank } from '../../../src/sim/index.ts';

const p99 = (latencies: readonly number[]) => [...latencies].sort((a, b) => a - b)[nearestRank(0.99, latencies.length) - 1]!;

describe('capacity and utilisation', () => {
  it('is limited by the workers or by the lock, whichever is tighter', () => {
    expect(capacityPerSec({ workers: 4, service: { kind: 'constant', ms: 10 } })).toBe(400);
    expect(capacityPerSec({ workers: 16, service: { kind: 'constant', ms: 2 }, lockMs: 8 })).toBe(125);
    const server: ServerSpec = { workers: 1, service: { kind: 'exponential', meanMs: 10 } };
    expect(utilisation(server, rateForUtilisation(server, 0.7))).toBeCloseTo(0.7, 12);
  });
});

describe('closedLoadRun', () => {
  it('serves at most `workers` requests at once', () => {
    // 4 users would complete 4 requests per 12 ms (333 per second) with a worker each; 2 workers of 10 ms allow 200.
    const run = closedLoadRun({ server: { workers: 2, service: { kind: 'constant', ms: 10 } }, users: 4, durationMs: 2000 }, 1);
    const inWindow = run.requests.filter((request) => request.end >= run.fromMs && request.end < run.toMs);
    expect((inWindow.length * 1000) / (run.toMs - run.fromMs)).toBeCloseTo(200, -1);
  });

  it('queues requests for the global lock: 16 users wait for 16 lock holds', () => {
    const run = closedLoadRun({ server: BOTTLENECK_SERVERS.locked, users: 16, durationMs: 2000 }, 1);
    const inWindow = run.requests.filter((request) => request.end >= run.fromMs && request.end < run.toMs);
    expect(inWindow.every((request) => request.end - request.start === 16 * 8)).toBe(true);
  });
});

describe('openLoadRun', () => {
  it('answers every request that arrived, and waits longer at higher utilisation', () => {
    const server: ServerSpec = { workers: 1, service: { kind: 'exponential', meanMs: 10 } };
    const mean = (rho: number) => {
      const run = openLoadRun({ server, ratePerSec: rateForUtilisation(server, rho), durationMs: 20_000, trace: false }, 3);
      expect(run.requests).toHaveLength(run.history.length);
      return run.requests.reduce((sum, request) => sum + request.end - request.start, 0) / run.requests.length;
    };
    expect(mean(0.9)).toBeGreaterThan(2 * mean(0.5));
  });

  it('replays a seed exactly', () => {
    const options = { server: { workers: 2, service: { kind: 'exponential', meanMs: 10 } }, ratePerSec: 120, durationMs: 3000 } as const;
    expect(openLoadRun(options, 5).sim.fingerprint()).toBe(openLoadRun(options, 5).sim.fingerprint());
  });
});

describe('requestRecords', () => {
  it('keeps only answered requests', () => {
    const records = requestRecords([
      { id: 1, client: 'u1', f: 'request', input: 0, invokedAt: 0, outcome: 'ok', completedAt: 5 },
      { id: 2, client: 'u2', f: 'request', input: 1, invokedAt: 1, outcome: 'pending' },
      { id: 3, client: 'u1', f: 'request', input: 2, invokedAt: 6, outcome: 'unknown', completedAt: 50 },
    ]);
    expect(records).toEqual([{ id: 1, start: 0, end: 5 }]);
  });
});

describe('the bottleneck servers the performance lesson relies on', () => {
  const stepsOf = (name: keyof typeof BOTTLENECK_SERVERS, seed: number) => {
    const loadTest = { server: BOTTLENECK_SERVERS[name], users: LOAD_STEPS, durationMs: STEP_MS };
    return latencySamples(loadTest, loadTestRuns(loadTest, seed)).map((sample) => ({ users: sample.users, p99: p99(sample.latenciesMs), mean: sample.latenciesMs.reduce((a, b) => a + b, 0) / sample.latenciesMs.length, max: Math.max(...sample.latenciesMs) }));
  };

  for (const seed of [1, 2, 3]) {
    it(`behave as the exercise describes them (seed ${seed})`, () => {
      expect(stepsOf('slow', seed)[0]!.p99).toBeGreaterThan(SLO_MS);
      const locked = stepsOf('locked', seed);
      expect(locked[0]!.p99).toBeLessThanOrEqual(SLO_MS);
      expect(locked[locked.length - 1]!.p99).toBeGreaterThan(SLO_MS);
      const healthy = stepsOf('healthy', seed);
      expect(healthy.every((step) => step.p99 <= SLO_MS)).toBe(true);
      // Some request is slower than the SLO: judging by the slowest request would call it unhealthy.
      expect(healthy.some((step) => step.max > SLO_MS)).toBe(true);
      const spiky = stepsOf('spiky', seed);
      expect(spiky[0]!.p99).toBeGreaterThan(SLO_MS);
      expect(spiky.every((step) => step.mean < SLO_MS)).toBe(true);
    });
  }
});
