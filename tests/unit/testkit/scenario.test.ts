import { describe, expect, it } from 'vitest';
import type { NodeBehaviour } from '../../../src/sim/index.ts';
import { generateFaultPlan, withFinalHeal } from '../../../src/sim/index.ts';
import { runScenario, type ScenarioSpec } from '../../../src/testkit/scenario.ts';

/** A node that answers `get` with how many requests it has served (its state is volatile). */
const counter = (): NodeBehaviour => {
  let served = 0;
  return { onRequest: (ctx, request) => ctx.reply(request, ++served) };
};

function spec(overrides: Partial<ScenarioSpec> = {}): ScenarioSpec {
  return {
    cluster: { nodes: ['A', 'B'], program: () => counter, link: { latency: { kind: 'uniform', minMs: 1, maxMs: 9 } } },
    workload: {
      clients: [
        { id: 'c1', node: 'A' },
        { id: 'c2', node: 'B' },
      ],
      timeoutMs: 50,
      startMs: 10,
      stopMs: 200,
      thinkMs: 3,
      next: ({ rng }) => (rng.chance(0.5) ? { f: 'get' } : { f: 'get', node: 'A' }),
    },
    settleMs: 100,
    ...overrides,
  };
}

describe('runScenario', () => {
  it('replays a seed exactly and differs across seeds', () => {
    const first = runScenario(spec(), 5);
    const again = runScenario(spec(), 5);
    const other = runScenario(spec(), 6);
    expect(again.sim.fingerprint()).toBe(first.sim.fingerprint());
    expect(again.history).toEqual(first.history);
    expect(other.sim.fingerprint()).not.toBe(first.sim.fingerprint());
  });

  it('runs the workload until stopMs, then settles, and records every operation', () => {
    const run = runScenario(spec(), 1);
    expect(run.endMs).toBe(300);
    expect(run.sim.now).toBe(300);
    expect(run.history.length).toBeGreaterThan(20);
    expect(run.history.every((op) => op.invokedAt >= 10 && op.invokedAt < 200)).toBe(true);
    expect(run.history.every((op) => op.outcome === 'ok')).toBe(true);
  });

  it('ends every fault plan with a final heal, by default when the workload stops', () => {
    const partitioned = spec({ faults: [{ at: 50, kind: 'partition', groups: [['A'], ['B']] }] });
    const run = runScenario(partitioned, 1);
    expect(run.faults.map((f) => [f.at, f.kind])).toEqual([
      [50, 'partition'],
      [200, 'heal'],
    ]);
    expect(run.healedAt).toBe(200);
  });

  it('draws the fault plan from the seed when given a function', () => {
    const plan = (seed: number) =>
      generateFaultPlan(seed, { nodes: ['A', 'B'], durationMs: 180, minFaultMs: 20, minStableMs: 20, kinds: ['crash'] });
    const run = runScenario(spec({ faults: plan, healAtMs: 190 }), 3);
    expect(run.faults).toEqual(withFinalHeal(plan(3), { atMs: 190, nodes: ['A', 'B'] }));
    expect(run.faults.at(-1)).toEqual({ at: 190, kind: 'heal' });
    expect(run.faults.some((f) => f.kind === 'crash')).toBe(true);
  });

  it('issues scripted operations at their exact times over the configured client links', () => {
    const scripted = spec({
      workload: {
        ...spec().workload,
        stopMs: 0,
        clientLink: { latency: { kind: 'constant', ms: 4 } },
        script: [
          { atMs: 100, client: 'c1', op: { f: 'get' } },
          { atMs: 100, client: 'c2', op: { f: 'get' } },
        ],
      },
    });
    const run = runScenario(scripted, 1);
    expect(run.history.map((op) => [op.client, op.invokedAt, op.completedAt, op.output])).toEqual([
      ['c1', 100, 108, 1],
      ['c2', 100, 108, 1],
    ]);
  });

  it('refuses a script that names a client the workload does not have', () => {
    const bad = spec({ workload: { ...spec().workload, script: [{ atMs: 5, client: 'c9', op: { f: 'get' } }] } });
    expect(() => runScenario(bad, 1)).toThrow('Workload script: client "c9" at 5 ms is not one of the workload\'s clients (c1, c2).');
  });
});
