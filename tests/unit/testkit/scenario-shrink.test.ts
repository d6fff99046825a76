import { describe, expect, it } from 'vitest';
import type { NodeBehaviour } from '../../../src/sim/index.ts';
import { runScenario, type ScenarioRun } from '../../../src/testkit/scenario.ts';
import { SHRINK_TRIES, checkScenario, shrinkableScenario } from '../../../src/testkit/scenario-shrink.ts';
import { runInTestContext } from '../../../src/testkit/context.ts';
import { recordedRun } from '../../../src/runner/contract.ts';
import type { CheckResult } from '../../../src/testkit/checkers/result.ts';
import { caughtViolation } from './caught-violation.ts';

interface CountRun extends ScenarioRun {
  readonly counted: { count: number; clients: Set<string> };
}

const CLIENTS = ['c1', 'c2', 'c3', 'c4'];

/** Up to four clients each send `operations` adds to A, which counts them and the clients it has heard. */
function countRun(seed: number, size: Readonly<Record<'clients' | 'operations', number>>, built: { runs: number } = { runs: 0 }): CountRun {
  built.runs++;
  const counted = { count: 0, clients: new Set<string>() };
  const run = runScenario(
    {
      cluster: {
        nodes: ['A'],
        program: () => (): NodeBehaviour => ({
          onRequest: (ctx, request) => {
            counted.count++;
            counted.clients.add(request.client);
            ctx.reply(request, counted.count);
          },
          state: () => ({ count: counted.count }),
        }),
        link: { latency: { kind: 'uniform', minMs: 1, maxMs: 5 } },
      },
      workload: {
        clients: CLIENTS.slice(0, size.clients).map((id) => ({ id, node: 'A' })),
        timeoutMs: 50,
        startMs: 0,
        stopMs: 1000,
        thinkMs: 3,
        next: ({ count }) => (count < size.operations ? { f: 'add' } : null),
      },
      settleMs: 10,
    },
    seed,
  );
  return { ...run, counted };
}

/** The "bug": A must never count three adds from two clients or more. */
const noCrowd = (run: CountRun): CheckResult =>
  run.counted.clients.size >= 2 && run.counted.count >= 3
    ? { ok: false, property: `A counted ${run.counted.count} adds from ${run.counted.clients.size} clients.`, details: [], culprits: run.history.slice(-1) }
    : { ok: true };

const sizes = { clients: { graded: 4, smallest: 1, label: 'clients' }, operations: { graded: 20, smallest: 1, label: 'adds per client' } };

function graded<T>(body: () => T): T {
  let result: T | undefined;
  const { outcome } = runInTestContext(() => void (result = body()));
  if (outcome.threw) throw outcome.error;
  return result as T;
}

describe('checkScenario', () => {
  it('shrinks a failing seed to the smallest sizes that still fail, and says so on the run', () => {
    const scenario = shrinkableScenario({ sizes, build: (seed, size) => countRun(seed, size) });
    const violation = caughtViolation(() => graded(() => checkScenario([1], scenario, { check: noCrowd })));
    expect(violation.property).toBe('A counted 4 adds from 2 clients.');
    const run = violation.run!;
    expect(recordedRun.safeParse(run).success).toBe(true);
    expect(run.shrunk!.steps).toEqual([
      { name: 'clients', from: 4, to: 2 },
      { name: 'adds per client', from: 20, to: 2 },
    ]);
    expect(run.shrunk!.fromEvents).toBeGreaterThan(run.totalEvents);
    expect(run.shrunk!.tries).toBeLessThanOrEqual(SHRINK_TRIES);
    // The states come from building the smallest run once more with states recorded.
    const requests = run.events.filter((event) => event.kind === 'request');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.at(-1)!.state).toEqual({ count: 4 });
    expect(requests.every((event) => event.state !== undefined)).toBe(true);
  });

  it('shrinks the same way every time', () => {
    const shrunk = () => caughtViolation(() => graded(() => checkScenario([2], shrinkableScenario({ sizes, build: (seed, size) => countRun(seed, size) }), { check: noCrowd }))).run;
    expect(shrunk()).toEqual(shrunk());
  });

  it('never keeps a smaller run whose window did not happen', () => {
    // The window: at least three clients took part. Shrinking may not go below it, whatever the check says.
    const scenario = shrinkableScenario({ sizes, build: (seed, size) => countRun(seed, size) });
    const violation = caughtViolation(() =>
      graded(() => checkScenario([1], scenario, { happened: (run) => (run.counted.clients.size >= 3 ? null : 'fewer than three clients took part'), check: noCrowd })),
    );
    expect(violation.run!.shrunk!.steps.find((step) => step.name === 'clients')?.to).toBe(3);
    expect(violation.property).toMatch(/from 3 clients/);
  });

  it('fails the test with the window’s sentence when a graded run lacks it', () => {
    const scenario = shrinkableScenario({ sizes, build: (seed, size) => countRun(seed, size) });
    const violation = caughtViolation(() => graded(() => checkScenario([1], scenario, { happened: () => 'the partition never happened', check: () => ({ ok: true }) })));
    expect(violation.property).toBe('the partition never happened');
    expect(violation.run?.shrunk).toBeUndefined();
  });

  it('tries at most SHRINK_TRIES smaller runs', () => {
    const built = { runs: 0 };
    // Only the graded run fails, so every smaller run tried passes; with five sizes, fast-check would try many.
    const many = { graded: 1_000_000_000, smallest: 1, label: 'unused' };
    const scenario = shrinkableScenario({
      sizes: { ...sizes, a: many, b: many, c: many },
      build: (seed, size) => ({ ...countRun(seed, size, built), everyMax: size.a === many.graded && size.b === many.graded && size.c === many.graded && size.clients === 4 && size.operations === 20 }),
    });
    const violation = caughtViolation(() =>
      graded(() =>
        checkScenario([3], scenario, {
          check: (run) => (run.everyMax ? { ok: false, property: 'the graded run', details: [], culprits: [] } : { ok: true }),
        }),
      ),
    );
    expect(violation.run!.shrunk).toEqual({ fromEvents: violation.run!.totalEvents, steps: [], tries: SHRINK_TRIES });
    // Graded twice, SHRINK_TRIES smaller runs, and once more to record the states.
    expect(built.runs).toBe(2 + SHRINK_TRIES + 1);
  });

  it('tells a failure by the story the test gives, on the shrunk run', () => {
    const scenario = shrinkableScenario({ sizes, build: (seed, size) => countRun(seed, size) });
    const told: number[] = [];
    const violation = caughtViolation(() =>
      graded(() =>
        checkScenario([1], scenario, {
          check: noCrowd,
          story: (run) => {
            told.push(run.sim.trace.size);
            return run.sim.trace.events().filter((event) => event.kind === 'request').slice(-2);
          },
        }),
      ),
    );
    const run = violation.run!;
    // Asked once, of the smallest run that still failed, whose two last requests are the ones marked.
    expect(told).toEqual([run.totalEvents]);
    const requests = run.events.filter((event) => event.kind === 'request').slice(-2);
    expect(run.highlight).toEqual(requests.map((event) => event.id));
    expect(violation.trace).toHaveLength(2);
  });

  it('passes, shrinking nothing, when every seed holds', () => {
    const built = { runs: 0 };
    const scenario = shrinkableScenario({ sizes, build: (seed, size) => countRun(seed, size, built) });
    expect(() => graded(() => checkScenario([1, 2], scenario, { check: () => ({ ok: true }) }))).not.toThrow();
    expect(built.runs).toBe(4);
  });

  it('refuses sizes that cannot shrink', () => {
    expect(() => shrinkableScenario({ sizes: { clients: { graded: 1, smallest: 2, label: 'clients' } }, build: (seed, size) => countRun(seed, { ...size, operations: 1 }) })).toThrow(/smallest ≤ graded/);
  });
});
