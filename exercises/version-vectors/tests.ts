import { defineTests, test, expect, checkScenario, shrinkableScenario, storyEvents, checkAgainstReference, fc, type CheckFailure } from '../../src/testkit/index.ts';
import { describeVersion, twoMastersRun, type Misjudgement, type TwoMastersRun } from '../../src/scenarios/two-masters.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type VV = Solution.VersionVector;

function expectOrder(learner: Learner, a: VV, b: VV, expected: Solution.Order, why: string): void {
  const got = learner.compareVV({ ...a }, { ...b });
  expect(got, `compareVV(${JSON.stringify(a)}, ${JSON.stringify(b)}) — ${why}`).toBe(expected);
}

const SEEDS = [1, 2, 3, 4];
/** Writes each master takes in a graded run; a failing run is shrunk towards one each (two writes that can cross). */
const WRITES_PER_MASTER = 6;

/** What went wrong when compareVV contradicted the write histories, in the learner's terms. */
function consequence(m: Misjudgement): string {
  const incoming = describeVersion(m.incoming);
  const held = describeVersion(m.held);
  if (m.said === 'after') return `${m.node} replaced ${held} with it, so write ${m.held.value} — which ${m.incoming.value} had never seen — is silently lost`;
  if (m.said === 'before' || m.said === 'equal') return `${m.node} ignored the incoming version, so write ${m.incoming.value} — which ${m.held.value} had never seen — is silently lost`;
  if (m.said === 'concurrent') return `${m.node} kept both as a conflict, although ${m.truth === 'after' ? `${incoming} includes every write of ${held}` : `${held} includes every write of ${incoming}`}: a false conflict the application must resolve for nothing`;
  return `${m.node} could not use the answer ${JSON.stringify(m.said)}: return 'before', 'after', 'equal' or 'concurrent'`;
}

/**
 * A vector over masters A–D, each left out or listed with a counter of 0–3 (explicit zeros and ties often) or a
 * large one, in any order; b is often a small change of a, so 'equal', 'before' and 'after' come up as often
 * as 'concurrent'.
 */
const counter = fc.oneof({ arbitrary: fc.nat(3), weight: 4 }, { arbitrary: fc.constantFrom(2 ** 31, 2 ** 53 - 1), weight: 1 });
const vector = fc
  .uniqueArray(fc.tuple(fc.constantFrom('A', 'B', 'C', 'D'), counter), { selector: ([master]) => master, maxLength: 4 })
  .map((entries): VV => Object.fromEntries(entries));
const edits = fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C', 'D'), fc.option(fc.nat(3))), { maxLength: 2 });
const vectorPairs = fc.tuple(vector, fc.oneof(vector, fc.constant(null)), edits).map(([a, other, changes]): [VV, VV] => {
  const b: VV = { ...(other ?? a) };
  for (const [master, value] of changes) {
    if (value === null) delete b[master];
    else b[master] = value;
  }
  return [a, b];
});

/** The two writes, then the arrival of the version that was misjudged. */
function misjudgementStory(run: TwoMastersRun, failure: CheckFailure) {
  const first = run.misjudgements[0]!;
  const arrival = run.sim.trace.events().filter((e) => e.kind === 'deliver' && e.to === first.node && e.time === first.atMs);
  return [...storyEvents(run.sim, failure.culprits), ...arrival].sort((a, b) => a.id - b.id);
}

export default defineTests<Learner>((learner) => {
  // A failing run is shrunk to fewer writes on each master.
  const masters = shrinkableScenario({
    sizes: { writes: { graded: WRITES_PER_MASTER, smallest: 1, label: 'writes per master' } },
    build: (seed, size) => twoMastersRun(learner.compareVV, seed, size.writes),
  });

  test('equal vectors are equal (zero entries may be left out); equal totals are not enough', () => {
    expectOrder(learner, { A: 2, B: 1 }, { B: 1, A: 2 }, 'equal', 'the same counters, listed in another order');
    expectOrder(learner, { A: 1, B: 0 }, { A: 1 }, 'equal', 'B: 0 and no B entry mean the same');
    expectOrder(learner, { A: 1, B: 2 }, { A: 2, B: 1 }, 'concurrent', 'both include three writes, but not the same ones');
  });

  test('a vector that is behind or level everywhere, and behind somewhere, came before', () => {
    expectOrder(learner, { A: 1, B: 3 }, { A: 2, B: 3 }, 'before', 'b includes one more write from A');
    expectOrder(learner, { A: 2, B: 3 }, { A: 1, B: 3 }, 'after', 'a includes one more write from A');
    expectOrder(learner, { A: 1 }, { A: 1, B: 1 }, 'before', 'b includes a write from B that a has not seen');
  });

  test('vectors that are each ahead somewhere are concurrent', () => {
    expectOrder(learner, { A: 2, B: 1 }, { A: 1, B: 2 }, 'concurrent', 'a has a write from A that b lacks, b one from B that a lacks');
    expectOrder(learner, { A: 5, B: 1, C: 0 }, { A: 1, B: 1, C: 1 }, 'concurrent', 'a is ahead on A, b on C');
  });

  test('an entry missing from one vector counts as zero', () => {
    expectOrder(learner, { B: 1 }, { A: 1 }, 'concurrent', 'a has seen only B’s first write, b only A’s');
    expectOrder(learner, {}, { A: 1 }, 'before', 'the empty vector is the initial version');
    expectOrder(learner, { A: 3, C: 2 }, { A: 3 }, 'after', 'a includes two writes from C that b lacks');
  });

  test('agrees with the reference on generated pairs of vectors', () => {
    checkAgainstReference({ name: 'compareVV', seed: 1581, runs: 100, inputs: vectorPairs, learner: learner.compareVV, reference: Reference.compareVV });
  });

  test('two masters keep concurrent writes as siblings and drop only overwritten versions', () => {
    checkScenario(SEEDS, masters, {
      // The situation under test: the masters compared concurrent versions and ordered ones (a misjudgement is a
      // comparison too, and judged as such).
      happened: (run) => {
        const { concurrent, before, after } = run.compared;
        if (run.misjudgements.length > 0 || (concurrent > 0 && before + after > 0)) return null;
        return `Masters A and B both take writes, but in this run they compared ${concurrent} pairs of concurrent versions and ${before + after} pairs where one came before the other, so this test cannot judge how compareVV keeps siblings and drops overwritten versions.`;
      },
      check: (run) => {
        const first = run.misjudgements[0];
        if (first === undefined) return { ok: true };
        return {
          ok: false,
          property: `Masters A and B both take writes. At ${first.atMs} ms, ${first.node} held ${describeVersion(first.held)} when ${describeVersion(first.incoming)} arrived; compareVV(incoming, held) returned ${JSON.stringify(first.said)}, but by the writes each includes the answer is ${JSON.stringify(first.truth)}. ${consequence(first)}.`,
          details: [],
          culprits: run.history.filter((op) => op.input === first.incoming.value || op.input === first.held.value),
        };
      },
      story: misjudgementStory,
    });
  });
});
