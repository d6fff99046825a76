import { describe, expect, it } from 'vitest';
import { roundRobinPolicy, runUnevenBackends, UNEVEN_BACKENDS, type RoutingPolicy } from '../../../../exercises/least-connections/scenario.ts';

const LOAD = { ratePerSec: 120, stopMs: 3000 };
const fewestInFlight = (): RoutingPolicy => (backends, inFlight) => backends.reduce((best, backend) => (inFlight[backend]! < inFlight[best]! ? backend : best));

describe('roundRobinPolicy', () => {
  it('takes turns whatever the counts', () => {
    const policy = roundRobinPolicy();
    expect([0, 1, 2, 3].map(() => policy(['a', 'b', 'c'], { a: 9, b: 0, c: 0 }))).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('runUnevenBackends', () => {
  it('answers every request, and round robin splits them evenly', () => {
    const run = runUnevenBackends({ makePolicy: roundRobinPolicy, ...LOAD }, 1);
    const history = run.sim.history();
    expect(history.every((op) => op.outcome === 'ok')).toBe(true);
    const counts = UNEVEN_BACKENDS.map(({ id }) => run.routedTo[id]!);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(run.latency.count).toBe(history.length);
  });

  it('gives a policy that watches requests in flight a far better p99, by sparing the slow backend', () => {
    for (const seed of [1, 2, 3]) {
      const roundRobin = runUnevenBackends({ makePolicy: roundRobinPolicy, ...LOAD }, seed);
      const watching = runUnevenBackends({ makePolicy: fewestInFlight, ...LOAD }, seed);
      expect(watching.latency.percentile(0.99) * 2).toBeLessThanOrEqual(roundRobin.latency.percentile(0.99));
      expect(watching.routedTo['slow']!).toBeLessThan(roundRobin.routedTo['slow']! / 2);
    }
  });

  it('fails the request and records the answer when a policy names no backend', () => {
    const run = runUnevenBackends({ makePolicy: () => () => 'nobody', ratePerSec: 50, stopMs: 200 }, 1);
    expect(run.badPick).toBe('nobody');
    expect(run.sim.history().every((op) => op.outcome === 'fail')).toBe(true);
  });

  it('depends only on the seed', () => {
    const fingerprint = (seed: number) => runUnevenBackends({ makePolicy: fewestInFlight, ...LOAD }, seed).sim.fingerprint();
    expect(fingerprint(4)).toBe(fingerprint(4));
    expect(fingerprint(4)).not.toBe(fingerprint(5));
  });
});
