/**
 * Hidden tests: the learner sees their names (exercise.json "tests"), never this file. Two judge `newest` alone
 * (exact pairs, then generated replies against the reference); two judge the simulated register (./scenario.ts)
 * on fixed seeds: what a majority held whenever a read replied, and the history, with the scripted window — a
 * write that reached A alone, a read at A, then a read at C that cannot hear from A — asserted before it is judged.
 */
import { checkAgainstReference, checkLinearizable, checkSeeds, defineTests, describeOperation, expect, fc, registerModel, sharedRuns, test, type CheckResult } from '../../src/testkit/index.ts';
import { INITIAL, MAJORITY, REPLICAS, STORY, abdRun, describeVersion, type AbdRun, type Version } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3, 4];

const sameWrite = (a: Pick<Version, 'ts' | 'writer'>, b: Pick<Version, 'ts' | 'writer'>): boolean => a.ts === b.ts && a.writer === b.writer;

/**
 * One to seven replies: the initial version, or a write stamped 0–3 ms (ties often) or very late, by a writer
 * whose id sorts differently as a string than as a number ('c10' < 'c9'). A write's value names its writer
 * and stamp, so two replies with the same stamp and writer are the same write, as in the simulation.
 */
const reply = fc.oneof(
  fc.constant(INITIAL),
  fc.tuple(fc.oneof(fc.nat(3), fc.constant(2 ** 53 - 1)), fc.constantFrom('c1', 'c2', 'c3', 'c9', 'c10', 'c11')).map(([ts, writer]): Version => ({ value: `${writer}@${ts}`, ts, writer })),
);
const replies = fc.array(reply, { minLength: 1, maxLength: 7 }).map((list): [Version[]] => [list]);

export default defineTests<Learner>((learner) => {
  // Both simulation tests judge the same runs of the learner's register: each seed runs (twice) once per grading.
  const runs = sharedRuns((seed) => abdRun({ newest: learner.newest, read: learner.read }, seed));

  test('newest picks the larger ts, and on equal ts the larger writer id', () => {
    const v = (value: string, ts: number, writer: string): Version => ({ value, ts, writer });
    const cases: [Version, Version, Version][] = [
      [v('old', 5, 'c1'), v('new', 7, 'c1'), v('new', 7, 'c1')],
      [v('new', 9, 'c1'), v('old', 7, 'c3'), v('new', 9, 'c1')],
      [v('x', 7, 'c1'), v('y', 7, 'c3'), v('y', 7, 'c3')],
      [v('y', 7, 'c3'), v('x', 7, 'c1'), v('y', 7, 'c3')],
      [INITIAL, v('first', 1, 'c2'), v('first', 1, 'c2')],
    ];
    for (const [a, b, winner] of cases) {
      expect(learner.newest([{ ...a }, { ...b }]), `newest([${JSON.stringify(a)}, ${JSON.stringify(b)}])`).toEqual(winner);
    }
  });

  test('newest agrees with the reference on generated replies', () => {
    checkAgainstReference({ name: 'newest', seed: 619, runs: 100, inputs: replies, learner: learner.newest, reference: Reference.newest });
  });

  test('a read replies only once a majority of replicas hold what it returns', () => {
    checkSeeds(SEEDS, runs, (r: AbdRun): CheckResult => {
      if (r.replies.length === 0) {
        return { ok: false, property: 'No read replied in the whole run, so there is nothing to judge: read() must answer every read it coordinates.', details: [], culprits: [] };
      }
      for (const answer of r.replies) {
        const returned = answer.value === null ? INITIAL : r.writes.find((w) => w.value === answer.value);
        const op = r.history.find((o) => o.client === answer.client && o.f === 'read' && o.invokedAt < answer.atMs && (o.completedAt === undefined || o.completedAt >= answer.atMs));
        if (returned === undefined) {
          return { ok: false, property: `At ${answer.atMs} ms a read at ${answer.node} returned ${JSON.stringify(answer.value)}, a value no write sent.`, details: [], culprits: op ? [op] : [] };
        }
        const holders = REPLICAS.filter((id) => sameWrite(Reference.newest([returned, answer.held[id]!]), answer.held[id]!));
        if (holders.length < MAJORITY) {
          const held = REPLICAS.map((id) => `${id} held ${describeVersion(answer.held[id]!)}`).join(', ');
          return {
            ok: false,
            property: `At ${answer.atMs} ms a read at ${answer.node} returned ${describeVersion(returned)} while only ${holders.join(' and ') || 'no replica'} held it or newer (${held}): a later read asking the other replicas could return something older.`,
            details: [],
            culprits: op ? [op] : [],
          };
        }
      }
      return { ok: true };
    });
  });

  test('reads stay linearizable when a write has reached only A', () => {
    checkSeeds(SEEDS, runs, (r: AbdRun): CheckResult => {
      const write = r.history.find((op) => op.client === STORY.write.client && op.invokedAt === STORY.write.atMs);
      const first = r.history.find((op) => op.client === STORY.firstRead.client && op.invokedAt === STORY.firstRead.atMs);
      const second = r.history.find((op) => op.client === STORY.secondRead.client && op.invokedAt === STORY.secondRead.atMs);
      const firstReply = r.replies.find((a) => a.client === STORY.firstRead.client && a.startedMs > STORY.firstRead.atMs);
      const story = [write, first, second].filter((op) => op !== undefined);
      // The window under test: the write reached A alone, the read at A returned it, the read at C came after.
      const onlyA = firstReply !== undefined && REPLICAS.every((id) => (firstReply.heldAtStart[id]!.value === STORY.write.value) === (id === 'A'));
      const broken =
        write === undefined || write.outcome === 'ok' || !onlyA
          ? `${STORY.write.client}'s write of ${JSON.stringify(STORY.write.value)} at ${STORY.write.atMs} ms should have reached A alone when ${STORY.firstRead.client}'s read arrived at A`
          : first?.outcome !== 'ok' || first.output !== STORY.write.value
            ? `${STORY.firstRead.client}'s read at A at ${STORY.firstRead.atMs} ms had to return ${JSON.stringify(STORY.write.value)}, the newest version of the replies it heard, but ${first ? describeOperation(first) : 'it never ran'}`
            : second?.outcome !== 'ok' || second.invokedAt <= first.completedAt!
              ? `${STORY.secondRead.client}'s read at C at ${STORY.secondRead.atMs} ms had to return after ${STORY.firstRead.client}'s read had returned, but ${second ? describeOperation(second) : 'it never ran'}`
              : null;
      if (broken !== null) return { ok: false, property: `The scripted window did not happen: ${broken}.`, details: [], culprits: story };
      return checkLinearizable(r.history, registerModel());
    });
  });
});
