import {
  defineTests,
  test,
  expect,
  checkConvergence,
  checkScenario,
  shrinkableScenario,
  checkObjectsAgainstReference,
  answerOf,
  fc,
  sameData,
  show as showValue,
  type Answer,
  type MethodCall,
} from '../../src/testkit/index.ts';
import { Rng } from '../../src/sim/index.ts';
import { stateGossipRun, type StateGossipRun } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Counter = InstanceType<Learner['GCounter']>;
type Counts = Solution.Counts;

const REPLICAS = ['A', 'B', 'C'];
const GOSSIP_SEEDS = [1, 2, 3, 4];
/**
 * Fixed seeds for the algebraic checks: each draws 15 random triples of states, tuned by measured time. Each triple
 * costs about 0.2 ms in Node (each merge makes a fresh replica across the boundary), twice that in the browser;
 * the first triple of the first seed already fails every wrong variant, and one per seed kills every mutant.
 */
const ALGEBRA_SEEDS = [101, 102, 103];
const TRIPLES_PER_SEED = 15;

/** A state with zero entries dropped and keys sorted: two equal counters give the same text. */
function canonical(counts: unknown): string {
  if (counts === null || typeof counts !== 'object') return JSON.stringify(counts) ?? 'undefined';
  const entries = Object.entries(counts as Record<string, unknown>).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** merge(a, b, …) as a function of states: a fresh replica that merges each state in turn. */
function merged(learner: Learner, ...states: Counts[]): string {
  const counter = new learner.GCounter('fresh');
  for (const state of states) counter.merge({ ...state });
  return canonical(counter.state());
}

function randomCounts(rng: Rng): Counts {
  const counts: Counts = {};
  for (const id of ['A', 'B', 'C', 'D']) if (rng.chance(0.7)) counts[id] = rng.int(1, 9);
  return counts;
}

function forRandomTriples(check: (a: Counts, b: Counts, c: Counts) => void): void {
  for (const seed of ALGEBRA_SEEDS) {
    const rng = Rng.fromSeed(seed).fork('states');
    for (let i = 0; i < TRIPLES_PER_SEED; i++) check(randomCounts(rng), randomCounts(rng), randomCounts(rng));
  }
}

const show = (counts: Counts) => JSON.stringify(counts);

/** The increments the replicas acknowledged, oldest first. */
const acknowledged = (run: StateGossipRun<Counter>) => run.history.filter((op) => op.f === 'increment' && op.outcome === 'ok');

/** The sizes a failing gossip run is shrunk over: how many clients add, and how often each adds. */
type GossipSize = 'clients' | 'increments';

/**
 * Clients add 1–3 at their own replica, again and again, while gossip carries states around: one client per
 * replica, each adding until 500 ms (about 70 increments; the cap of 100 is never reached in a graded run).
 */
function gossipRun(learner: Learner, seed: number, size: Readonly<Record<GossipSize, number>>): StateGossipRun<Counter> {
  return stateGossipRun<Counter, Counts>(
    {
      replicas: REPLICAS,
      create: (id) => new learner.GCounter(id),
      serve: (counter, f, input) => (f === 'increment' ? counter.increment(input as number) : counter.value()),
      next: ({ rng, client, count }) => (REPLICAS.indexOf(client.node) < size.clients && count < size.increments ? { f: 'increment', input: rng.int(1, 3) } : null),
    },
    seed,
  );
}

/**
 * What a replica may be asked, interleaved over A, B and C: increments of 1–3 or a very large one, value(),
 * state(), and merges of another replica's current state (its own included: an echo) or of a state from a
 * replica D or E elsewhere, with zero entries, old (smaller) counts arriving late, or nothing at all.
 */
const foreignState = fc
  .uniqueArray(fc.tuple(fc.constantFrom('D', 'E'), fc.oneof(fc.nat(3), fc.constant(2 ** 40))), { selector: ([id]) => id, maxLength: 2 })
  .map((entries): Counts => Object.fromEntries(entries));
const replicaCall = fc.oneof(
  { arbitrary: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 5 }, { arbitrary: fc.constant(2 ** 40), weight: 1 }).map((amount) => ({ method: 'increment', args: [amount] })), weight: 4 },
  { arbitrary: fc.constantFrom({ method: 'value', args: [] }, { method: 'state', args: [] }), weight: 3 },
  { arbitrary: fc.nat(REPLICAS.length - 1).map((from) => ({ method: 'merge', args: [answerOf(from, 'state')] })), weight: 3 },
  { arbitrary: foreignState.map((state) => ({ method: 'merge', args: [state] })), weight: 1 },
);

const withoutZeros = (counts: unknown): unknown =>
  typeof counts === 'object' && counts !== null && Object.getPrototypeOf(counts) === Object.prototype
    ? Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0))
    : counts;

/** The reference's answer, except that a state may leave out (or list) zero entries. */
function judgeReplicaCall(got: Answer<unknown>, expected: Answer<unknown>, call: MethodCall): string | null {
  if ('threw' in expected) return 'threw' in got ? null : `should throw (${expected.threw}), but yours returned ${showValue(got.returned)}.`;
  if ('threw' in got) return `should return ${showValue(expected.returned)}, but yours threw: ${got.threw}`;
  if (call.method === 'state' ? sameData(withoutZeros(got.returned), withoutZeros(expected.returned)) : sameData(got.returned, expected.returned)) return null;
  return `should return ${showValue(expected.returned)}${call.method === 'state' ? ' (zero entries may be left out)' : ''}, but yours returned ${showValue(got.returned)}.`;
}

export default defineTests<Learner>((learner) => {
  // Two tests check the same gossip runs for different properties: each seed runs (twice) once per grading,
  // and a failing seed is shrunk to fewer clients and increments before it is shown.
  const gossip = shrinkableScenario({
    sizes: {
      clients: { graded: REPLICAS.length, smallest: 1, label: 'clients' },
      increments: { graded: 100, smallest: 1, label: 'increments per client' },
    },
    build: (seed, size) => gossipRun(learner, seed, size),
  });

  test('value() adds up the increments of every replica once their states are merged', () => {
    const a = new learner.GCounter('A');
    const b = new learner.GCounter('B');
    a.increment(2);
    a.increment(1);
    b.increment(4);
    expect(a.value(), 'A after increment(2) and increment(1)').toBe(3);
    a.merge(b.state());
    expect(a.value(), 'A after merging the state of B, which counted 4').toBe(7);
    b.merge(a.state());
    expect(b.value(), 'B after merging the state of A').toBe(7);
    b.increment(1);
    a.merge(b.state());
    expect(a.value(), 'A after B counted 1 more and A merged again').toBe(8);
  });

  test('merge is commutative and associative (random states, fixed seeds)', () => {
    forRandomTriples((a, b, c) => {
      expect(merged(learner, a, b), `merging ${show(a)} then ${show(b)} must equal merging ${show(b)} then ${show(a)}`).toBe(merged(learner, b, a));
      const ab = new learner.GCounter('fresh');
      ab.merge({ ...a });
      ab.merge({ ...b });
      const bc = new learner.GCounter('fresh');
      bc.merge({ ...b });
      bc.merge({ ...c });
      expect(merged(learner, ab.state(), c), `(${show(a)} ⊔ ${show(b)}) ⊔ ${show(c)} must equal ${show(a)} ⊔ (${show(b)} ⊔ ${show(c)})`).toBe(merged(learner, a, bc.state()));
    });
  });

  test('merge is idempotent: merging a state again changes nothing', () => {
    forRandomTriples((a, b) => {
      expect(merged(learner, a, a), `merging ${show(a)} twice must give ${show(a)}`).toBe(canonical(a));
      expect(merged(learner, a, b, b), `merging ${show(a)}, then ${show(b)} twice must equal merging each once`).toBe(merged(learner, a, b));
    });
  });

  test('three replicas agree with the reference, call by call', () => {
    checkObjectsAgainstReference({
      make: 'new GCounter', makeArgs: (i: number) => fc.constant([REPLICAS[i]!] as [string]), instances: REPLICAS.length, maxCalls: 10,
      call: replicaCall, judge: judgeReplicaCall,
      learner: (id) => new learner.GCounter(id), reference: (id) => new Reference.GCounter(id),
      seed: 2721, runs: 60,
    });
  });

  test('replicas converge under lost, duplicated and reordered gossip', () => {
    checkScenario(GOSSIP_SEEDS, gossip, {
      check: (run) => {
        const states = Object.fromEntries(Object.entries(run.replicas).map(([id, counter]) => [id, { value: counter.value(), state: canonical(counter.state()) }]));
        const result = checkConvergence(states, {
          atMs: run.endMs,
          stateKey: (s) => `${s.value} ${s.state}`,
          describeState: (s) => `value ${s.value} (state ${s.state})`,
        });
        if (!result.ok) return result;
        // Agreeing on nothing is not converging: the replicas must agree on a state that holds the increments.
        const counted = acknowledged(run);
        const agreed = Object.values(states)[0];
        if (counted.length > 0 && agreed !== undefined && (agreed.value === 0 || agreed.state === '{}')) {
          return {
            ok: false,
            property: `Clients made ${counted.length} acknowledged increments, but every replica ended with value ${agreed.value} (state ${agreed.state}): they agree on nothing, so this test cannot judge whether gossip makes them converge. increment() must count at the replica, and state() must return what it counted.`,
            details: [],
            culprits: counted,
          };
        }
        return { ok: true };
      },
    });
  });

  test('the converged value equals the sum of all acknowledged increments', () => {
    checkScenario(GOSSIP_SEEDS, gossip, {
      happened: (run) => {
        const increments = run.history.filter((op) => op.f === 'increment');
        const unanswered = increments.filter((op) => op.outcome !== 'ok');
        return increments.length > 0 && unanswered.length === 0
          ? null
          : `${unanswered.length} of the ${increments.length} increments the clients made were not acknowledged, so this test cannot judge the sum: each replica must answer increment at once, on its own.`;
      },
      judgedAtEnd: true,
      check: (run) => {
        const increments = acknowledged(run);
        const total = increments.reduce((sum, op) => sum + (op.input as number), 0);
        const wrong = Object.entries(run.replicas).filter(([, counter]) => counter.value() !== total);
        if (wrong.length === 0) return { ok: true };
        return {
          ok: false,
          property: `Clients made ${increments.length} increments adding up to ${total}, all acknowledged, but after the gossip settled ${wrong.map(([id, counter]) => `${id}.value() is ${JSON.stringify(counter.value())}`).join(' and ')}: every increment must count exactly once, however often its state is received.`,
          details: [],
          culprits: increments,
        };
      },
    });
  });
});
