import { defineTests, test, expect, runTwice, PropertyViolation, checkAgainstReference, fc } from '../../src/testkit/index.ts';
import { loadsAfterFailure, survivorRun } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

function expectVerdict(learner: Learner, loads: number[], capacity: number, expected: boolean, why: string): void {
  expect(learner.survivesOneFailure([...loads], capacity), `survivesOneFailure(${JSON.stringify(loads)}, ${capacity}) — ${why}`).toBe(expected);
}

/** The failure that leaves the busiest survivor, and that survivor's load. */
function worstFailure(loads: readonly number[]) {
  let worst = { failed: 0, server: 0, load: -1 };
  loads.forEach((_, failed) => {
    for (const { server, load } of loadsAfterFailure(loads, failed)) if (load > worst.load) worst = { failed, server, load };
  });
  return worst;
}

/** Cases far from the boundary, so the simulated queue either settles or clearly grows without end. */
const SIM_CASES = [
  { loads: [40, 40, 40], capacity: 100, survives: true },
  { loads: [90, 60, 10], capacity: 100, survives: false },
  { loads: [70, 70], capacity: 100, survives: false },
  { loads: [30, 50, 20, 40], capacity: 100, survives: true },
];
const name = (i: number) => `N${i + 1}`;

/**
 * Loads in quarters of a request per second (exact in binary, so every correct formula decides a tie the same
 * way), small or large, and a capacity that is often exactly the busiest survivor's new load, or a quarter off it.
 */
const loadsInputs = fc
  .tuple(fc.array(fc.nat(200), { maxLength: 6 }), fc.constantFrom(1, 2 ** 20), fc.constantFrom(0, 0.25, -0.25), fc.nat(800))
  .map(([quarters, scale, nudge, other]): [number[], number] => {
    const loads = quarters.map((q) => (q * scale) / 4);
    let busiest = 0;
    loads.forEach((dead, failed) => loads.forEach((load, server) => {
      if (server !== failed) busiest = Math.max(busiest, load + dead / (loads.length - 1));
    }));
    const capacity = other % 2 === 0 ? Math.max(0, busiest + nudge) : (other * scale) / 4;
    return [loads, capacity];
  });

export default defineTests<Learner>((learner) => {
  test('two servers: the survivor carries both loads', () => {
    expectVerdict(learner, [50, 50], 100, true, 'if either fails, the other carries 100 of its 100');
    expectVerdict(learner, [60, 45], 100, false, 'if the second fails, the first carries 105');
  });

  test('equal loads survive exactly up to (n − 1)/n of capacity', () => {
    expectVerdict(learner, [75, 75, 75, 75], 100, true, 'after one failure each survivor carries 75 + 25 = 100');
    expectVerdict(learner, [76, 76, 76, 76], 100, false, 'each survivor would carry 76 + 25.33 > 100');
    expectVerdict(learner, [60, 60, 60], 90, true, 'each survivor carries 60 + 30 = 90, exactly its capacity');
  });

  test('uneven loads: any server may be the one that fails', () => {
    expectVerdict(learner, [90, 30, 30], 100, false, 'if a 30 fails, the 90 carries 90 + 15 = 105');
    expectVerdict(learner, [80, 10, 10, 10], 100, true, 'if the 80 fails, each 10 carries 36.7; if a 10 fails, the 80 carries 83.3');
  });

  test('a single server survives nothing', () => {
    expectVerdict(learner, [10], 100, false, 'when the only server fails, nobody is left');
    expectVerdict(learner, [], 100, false, 'there are no servers at all');
  });

  test('agrees with the reference on generated clusters', () => {
    checkAgainstReference({ name: 'survivesOneFailure', seed: 1521, runs: 150, inputs: loadsInputs, learner: learner.survivesOneFailure, reference: Reference.survivesOneFailure });
  });

  test("agrees with a simulated survivor's queue after the worst failure", () => {
    for (const { loads, capacity, survives } of SIM_CASES) {
      const worst = worstFailure(loads);
      const seed = 1;
      const run = runTwice(seed, (s) => survivorRun(worst.load, capacity, s));
      // The case list is chosen so that the simulation and the arithmetic agree; check it before judging.
      expect(run.overloaded, `the simulation of ${JSON.stringify(loads)}`).toBe(!survives);
      const answer = learner.survivesOneFailure([...loads], capacity);
      if (answer === survives) continue;
      const setting = `${loads.length} servers with loads ${JSON.stringify(loads)} requests/s and capacity ${capacity} requests/s each. The worst failure is ${name(worst.failed)}: its ${loads[worst.failed]} requests/s are spread over the ${loads.length - 1} others, and ${name(worst.server)} then receives ${loads[worst.server]} + ${loads[worst.failed]! / (loads.length - 1)} = ${worst.load} requests/s.`;
      const outcome = run.overloaded
        ? `In the simulation its queue keeps growing: requests in the last second waited ${run.finalMeanLatencyMs} ms on average (one needs ${1000 / capacity} ms of work), and ${run.backlogAtEnd} were still queued when the traffic stopped.`
        : `In the simulation it keeps up: requests in the last second waited ${run.finalMeanLatencyMs} ms on average.`;
      // The story: how long the last requests of the run waited (the queue's growth, in three lines).
      const lastRequests = run.requests.filter((r) => r.start < run.toMs).slice(-3);
      throw new PropertyViolation({
        property: `${setting} ${outcome} survivesOneFailure returned ${JSON.stringify(answer)}.`,
        seed: run.seed,
        trace: lastRequests.map((r) => `t=${r.start}ms  request ${r.id} reaches ${name(worst.server)}; answered at ${r.end} ms, after ${r.end - r.start} ms`),
      });
    }
  });
});
