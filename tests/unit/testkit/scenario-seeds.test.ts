import { describe, expect, it } from 'vitest';
import type { NodeBehaviour } from '../../../src/sim/index.ts';
import { runInTestContext } from '../../../src/testkit/context.ts';
import { runScenario, type ScenarioSpec } from '../../../src/testkit/scenario.ts';
import { checkSeeds, firstFailure, sharedRuns, runTwice } from '../../../src/testkit/scenario-seeds.ts';
import { PropertyViolation } from '../../../src/testkit/violation.ts';
import { checkAvailability } from '../../../src/testkit/checkers/availability.ts';

function echoSpec(reply: (served: number) => unknown): ScenarioSpec {
  const echo = (): NodeBehaviour => {
    let served = 0;
    return { onRequest: (ctx, request) => ctx.reply(request, reply(++served)) };
  };
  return {
    cluster: { nodes: ['A'], program: () => echo },
    workload: { clients: [{ id: 'c1', node: 'A' }], timeoutMs: 20, startMs: 5, stopMs: 60, thinkMs: 10, next: () => ({ f: 'ping' }) },
    settleMs: 10,
  };
}

function caught(body: () => void): { error: unknown; seeds: readonly { seed: number; fingerprints: readonly [string, string] }[] } {
  const { outcome, seeds } = runInTestContext(body);
  return { error: outcome.threw ? outcome.error : undefined, seeds };
}

describe('runTwice and checkSeeds', () => {
  it('record both fingerprints of every graded seed', () => {
    const { error, seeds } = caught(() => checkSeeds([1, 2], (seed) => runScenario(echoSpec((n) => n), seed), () => ({ ok: true })));
    expect(error).toBeUndefined();
    expect(seeds.map((s) => s.seed)).toEqual([1, 2]);
    for (const { fingerprints } of seeds) expect(fingerprints[0]).toBe(fingerprints[1]);
  });

  it('fail with the first differing event when two runs of one seed differ', () => {
    let runs = 0;
    const leaky = (seed: number) => {
      runs += 1;
      // State kept between runs: every run answers differently from the one before (the third is the traced
      // run the difference is read from).
      const offset = runs * 100;
      return runScenario(echoSpec((n) => n + offset), seed);
    };
    const { error, seeds } = caught(() => runTwice(9, leaky));
    expect(error).toBeInstanceOf(PropertyViolation);
    const violation = error as PropertyViolation;
    expect(violation.seed).toBe(9);
    expect(violation.property).toMatch(/^Your code behaved differently on two runs with the same seed: event \d+ was ".*op 1 ok: 101" in the first run but ".*op 1 ok: 301" in a later one\./);
    expect(violation.trace.at(-2)).toMatch(/^first run: /);
    expect(violation.trace.at(-1)).toMatch(/^later run: /);
    expect(runs).toBe(3);
    expect(seeds).toHaveLength(1);
    expect(seeds[0]!.fingerprints[0]).not.toBe(seeds[0]!.fingerprints[1]);
  });

  it('turn the first failing check into a PropertyViolation with seed, property and story', () => {
    const slow = echoSpec((n) => n);
    const build = (seed: number) => runScenario(slow, seed);
    const { error, seeds } = caught(() =>
      checkSeeds([3, 4], build, (run) =>
        firstFailure(
          { ok: true },
          checkAvailability(run.history, { deadlineMs: 1, atLeast: 1 }),
        ),
      ),
    );
    expect(error).toBeInstanceOf(PropertyViolation);
    const violation = error as PropertyViolation;
    expect(violation.seed).toBe(3);
    expect(violation.property).toMatch(/^Every request must get a successful reply within 1 ms \(availability\), but only 0 of \d+/);
    expect(violation.trace.length).toBeGreaterThan(0);
    expect(violation.trace.length).toBeLessThanOrEqual(15);
    expect(violation.trace.some((line) => line.includes('c1  invoke op 1 ping on A'))).toBe(true);
    expect(seeds.map((s) => s.seed)).toEqual([3]);
  });
});

describe('sharedRuns', () => {
  it('simulates each seed twice once, and records its fingerprints in every test that uses it', () => {
    const built: number[] = [];
    const runs = sharedRuns((seed) => {
      built.push(seed);
      return runScenario(echoSpec((n) => n), seed);
    });
    const first = caught(() => {
      runs(1);
      runs(2);
    });
    const later = caught(() => {
      runs(2);
      runs(1);
    });
    expect(first.error).toBeUndefined();
    expect(later.error).toBeUndefined();
    expect(built).toEqual([1, 1, 2, 2]);
    expect(later.seeds.map((s) => s.seed)).toEqual([2, 1]);
    expect(later.seeds).toEqual([first.seeds[1], first.seeds[0]]);
    expect(first.seeds[0]!.fingerprints[0]).toBe(first.seeds[0]!.fingerprints[1]);
  });

  it('hands every later test the very run the first one got', () => {
    const runs = sharedRuns((seed) => runScenario(echoSpec((n) => n), seed));
    let firstRun: unknown;
    let laterRun: unknown;
    caught(() => void (firstRun = runs(5)));
    caught(() => void (laterRun = runs(5)));
    expect(laterRun).toBe(firstRun);
  });

  it('is taken as it is by runTwice and checkSeeds, which run it no further', () => {
    let builds = 0;
    const runs = sharedRuns((seed) => {
      builds += 1;
      return runScenario(echoSpec((n) => n), seed);
    });
    const { error, seeds } = caught(() => {
      runTwice(1, runs);
      checkSeeds([1, 2], runs, () => ({ ok: true }));
    });
    expect(error).toBeUndefined();
    expect(builds).toBe(4);
    expect(seeds.map((s) => s.seed)).toEqual([1, 1, 2]);
  });

  it('fails like runTwice when the two runs of a seed differ, and does not keep the run', () => {
    let builds = 0;
    const runs = sharedRuns((seed) => {
      builds += 1;
      return runScenario(echoSpec((n) => n + builds * 100), seed);
    });
    const { error } = caught(() => runs(9));
    expect(error).toBeInstanceOf(PropertyViolation);
    expect((error as PropertyViolation).seed).toBe(9);
    caught(() => runs(9));
    // Each request runs it twice, and once more, traced, to find the first difference.
    expect(builds).toBe(6);
  });
});
