import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/sim/index.ts';
import {
  measureUptime,
  outagePlan,
  outagesFromTrace,
  replicaOutageRun,
} from '../../../src/scenarios/replica-outages.ts';

const OPTIONS = { replicas: ['A', 'B'], meanUpMs: 400, meanDownMs: 100, horizonMs: 50_000 } as const;

describe('replica outages', () => {
  it('draws alternating crash and restart faults within the stated ranges, in time order', () => {
    const plan = outagePlan(Rng.fromSeed(3), OPTIONS);
    expect(plan.map((f) => f.at)).toEqual([...plan.map((f) => f.at)].sort((a, b) => a - b));
    for (const node of OPTIONS.replicas) {
      const own = plan.filter((f) => 'node' in f && f.node === node);
      expect(own.length).toBeGreaterThan(100);
      own.forEach((fault, i) => expect(fault.kind).toBe(i % 2 === 0 ? 'crash' : 'restart'));
      for (let i = 1; i < own.length; i++) {
        const gap = own[i]!.at - own[i - 1]!.at;
        // Odd gaps are repairs (50–150 ms), even gaps are up times (200–600 ms).
        if (i % 2 === 1) expect(gap).toBeGreaterThanOrEqual(50), expect(gap).toBeLessThanOrEqual(150);
        else expect(gap).toBeGreaterThanOrEqual(200), expect(gap).toBeLessThanOrEqual(600);
      }
    }
  });

  it('gives each replica its own stream: adding a replica leaves the others\' outages unchanged', () => {
    const two = outagePlan(Rng.fromSeed(5), OPTIONS).filter((f) => 'node' in f && f.node === 'A');
    const three = outagePlan(Rng.fromSeed(5), { ...OPTIONS, replicas: ['A', 'B', 'C'] }).filter((f) => 'node' in f && f.node === 'A');
    expect(three).toEqual(two);
  });

  it('reads outages from the trace, closing one still open at the end', () => {
    const run = replicaOutageRun({ ...OPTIONS, horizonMs: 2_000 }, 1);
    const crashes = run.sim.trace.events().filter((e) => e.kind === 'crash');
    expect(Object.values(run.outages).flat()).toHaveLength(crashes.length);
    expect(outagesFromTrace([], ['A'], 100)).toEqual({ A: [] });
    expect(outagesFromTrace(crashes.slice(0, 1), [crashes[0]!.node!], 1_900)).toEqual({ [crashes[0]!.node!]: [{ from: crashes[0]!.time, to: 1_900 }] });
  });

  it('measures one replica, at least one, and all of them by sweeping the timeline', () => {
    const outages = { A: [{ from: 0, to: 100 }, { from: 500, to: 600 }], B: [{ from: 50, to: 150 }, { from: 600, to: 700 }] };
    const uptime = measureUptime(outages, 1000);
    expect(uptime.replica).toEqual({ A: 0.8, B: 0.8 });
    // Both down only during [50, 100): a restart and a crash at 600 ms do not overlap.
    expect(uptime.anyUp).toBeCloseTo(0.95, 12);
    // Some replica down during [0, 150) and [500, 700).
    expect(uptime.allUp).toBeCloseTo(0.65, 12);
  });

  it('matches the composition formulas on a long run with independent replicas', () => {
    const run = replicaOutageRun({ ...OPTIONS, horizonMs: 1_000_000 }, 2);
    const a = run.uptime.replica['A']!;
    const b = run.uptime.replica['B']!;
    expect(a).toBeGreaterThan(0.78);
    expect(a).toBeLessThan(0.82);
    expect(Math.abs(run.uptime.anyUp - (1 - (1 - a) * (1 - b)))).toBeLessThan(0.005);
    expect(Math.abs(run.uptime.allUp - a * b)).toBeLessThan(0.005);
  });

  it('is deterministic, and the probe client fails over when a replica stops answering', () => {
    const options = { ...OPTIONS, meanUpMs: 1200, meanDownMs: 400, horizonMs: 5_000, probeEveryMs: 250 };
    const first = replicaOutageRun(options, 7);
    expect(replicaOutageRun(options, 7).sim.fingerprint()).toBe(first.sim.fingerprint());
    const history = first.sim.history();
    const unanswered = history.filter((op) => op.outcome !== 'ok');
    expect(unanswered.length).toBeGreaterThan(0);
    expect(history.length - unanswered.length).toBeGreaterThan(unanswered.length);
    // Both replicas served requests: the client switched after each unanswered one.
    const servedBy = new Set(first.sim.trace.events().filter((e) => e.kind === 'request').map((e) => e.node));
    expect(servedBy).toEqual(new Set(['A', 'B']));
  });
});
