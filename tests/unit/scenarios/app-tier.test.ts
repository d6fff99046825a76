import { describe, expect, it } from 'vitest';
import { appNodeIds, appTierRun, DATABASE } from '../../../src/scenarios/app-tier.ts';
import { SCALE_OUT } from '../../../src/scenarios/bottleneck-servers.ts';
import { trafficStats } from '../../../src/scenarios/traffic-stats.ts';

const throughputAt = (nodes: number, seed: number) => {
  const run = appTierRun({ ...SCALE_OUT.tier, nodes, trace: false }, seed);
  return trafficStats(run.requests, run.fromMs, run.toMs).throughputPerSec;
};

describe('appTierRun', () => {
  it('sends every request through an app node and the database, spreading users evenly', () => {
    const run = appTierRun({ ...SCALE_OUT.tier, nodes: 2, durationMs: 200 }, 1);
    const events = run.sim.trace.events();
    for (const app of appNodeIds(2)) expect(events.some((event) => event.kind === 'request' && event.to === app)).toBe(true);
    const queries = events.filter((event) => event.kind === 'deliver' && event.to === DATABASE).length;
    expect(queries).toBe(run.history.length);
    expect(run.history.every((op) => op.outcome === 'ok')).toBe(true);
  });

  it('scales while the database has room, and flattens once it is saturated', () => {
    for (const seed of [1, 2, 3]) {
      const [one, two, four, eight] = SCALE_OUT.nodes.map((nodes) => throughputAt(nodes, seed));
      // One app node of 8 ms serves 125 requests per second; the database about 500.
      expect(one!).toBeCloseTo(125, -1);
      expect(two! / (2 * one!)).toBeGreaterThan(0.95);
      expect(four! / (4 * one!)).toBeGreaterThan(SCALE_OUT.efficiencyFloor);
      expect(eight! / (8 * one!)).toBeLessThan(SCALE_OUT.efficiencyFloor);
    }
  });

  it('replays a seed exactly', () => {
    const spec = { ...SCALE_OUT.tier, nodes: 4, durationMs: 500 };
    expect(appTierRun(spec, 9).sim.fingerprint()).toBe(appTierRun(spec, 9).sim.fingerprint());
  });
});
