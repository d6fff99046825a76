/**
 * Hidden tests: the learner sees their names (exercise.json "tests"), never this file. Two judge
 * `chooseCandidate` alone (exact lists, then generated answers against the reference); three judge the
 * learner's `failover` in the simulated fail-over (./scenario.ts) on fixed seeds, each after asserting that the
 * run opened the window: the replica that received the most had not applied it all, the reports were stale
 * enough to point elsewhere, and R3 was down. Every verdict is read from what the simulation recorded: P's log,
 * the replicas' positions, and each promotion as it took effect at the replica.
 */
import { PropertyViolation, checkAgainstReference, defineTests, expect, fc, recordRun, sharedRuns, storyEvents, test } from '../../src/testkit/index.ts';
import { formatTraceLines, type Operation } from '../../src/sim/index.ts';
import { ANSWER_WITHIN_MS, CRASH_MS, DEADLINE_MS, DOWN_MS, SILENT, failoverEvents, promotionRun, type Failover, type Position, type PromotionRun } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3, 4];

const range = (from: number, to: number) => (from === to ? `#${from}` : `#${from}–#${to}`);
const positionText = (p: Position) => `${p.id} had received up to #${p.received} and applied up to #${p.applied}`;

/** A failure that shows the learner's run: the fail-over's messages and the operations that are the evidence. */
function violation(run: PromotionRun, property: string, culprits: readonly Operation[] = []): PropertyViolation {
  const story = storyEvents(run.sim, culprits, 6);
  const events = [...new Map([...story, ...failoverEvents(run)].map((e) => [e.id, e])).values()]
    .filter((e) => (e.data as { type?: string } | undefined)?.type !== 'report')
    .sort((a, b) => a.id - b.id)
    .slice(0, 15);
  return new PropertyViolation({ property, seed: run.seed, trace: formatTraceLines(events), run: recordRun(run.sim, run.seed, events) });
}

/** What happened before the learner's code ran, in one sentence. */
function setup(run: PromotionRun): string {
  const up = run.atDown.filter((p) => p.up);
  return `P acknowledged writes up to #${run.log.length} and crashed at ${CRASH_MS} ms, with ${SILENT}. When the controller noticed at ${DOWN_MS} ms, ${up.map(positionText).join(', and ')}.`;
}

/**
 * The window under test, asserted on every seed before anything is judged: the replica still up that received
 * the most has entries in its relay log, it is not the one that applied the most, the reports point at
 * another replica, and R3 is down.
 */
function assertWindow(run: PromotionRun): void {
  const up = run.atDown.filter((p) => p.up);
  const most = Reference.chooseCandidate(up);
  const best = up.find((p) => p.id === most);
  const mostApplied = [...up].sort((a, b) => b.applied - a.applied)[0];
  const reported = Reference.chooseCandidate(run.reports.filter((r) => up.some((p) => p.id === r.id)));
  const silentDown = run.atDown.some((p) => p.id === SILENT && !p.up);
  if (best !== undefined && best.received > best.applied && mostApplied?.id !== best.id && reported !== best.id && silentDown) return;
  throw violation(run, `This run did not open the window under test, so it cannot judge your fail-over: at ${DOWN_MS} ms the replica still up that received the most must have entries it has not applied, another replica must have applied more, the last reports must point at another replica, and ${SILENT} must be down.`);
}

/** The promotions that took effect; none is a failure: every simulation test needs a new primary to judge. */
function promoted(run: PromotionRun): PromotionRun['promotions'][number] {
  const first = run.promotions[0];
  if (first !== undefined) return first;
  const asked = run.calls.filter((c) => c.what === 'promote').map((c) => `promote('${c.replica}') at ${c.atMs} ms`);
  throw violation(run, `${setup(run)} No replica took over${asked.length > 0 ? ` (you called ${asked.join(', ')}, but ${asked.length === 1 ? 'that replica was' : 'those replicas were'} down)` : ''}, so writes have nowhere to go and there is nothing to judge. Decide with the answers that came in within ${ANSWER_WITHIN_MS} ms, and promote a replica that answered.`);
}

const acknowledged = (run: PromotionRun) => run.history.filter((op) => op.client === 'c1' && op.outcome === 'ok');
const c2Write = (run: PromotionRun) => run.history.filter((op) => op.client === 'c2');

export default defineTests<Learner>((learner) => {
  // The three simulation tests judge the same runs of the learner's fail-over: each seed runs (twice) once per grading.
  const runs = sharedRuns((seed) => promotionRun(learner.failover as Failover, seed));

  test('chooseCandidate picks the replica that received the most, not the one that applied the most', () => {
    const p = (id: string, received: number, applied: number): Position => ({ id, received, applied });
    const cases: [Position[], string | null, string][] = [
      [[p('R1', 36, 21), p('R2', 32, 32)], 'R1', 'R1 received four more entries; it applies them before it takes writes'],
      [[p('R2', 9, 9), p('R1', 12, 3), p('R3', 11, 11)], 'R1', 'R1 received the most, although it applied the least'],
      [[p('R3', 30, 30), p('R2', 30, 28), p('R1', 29, 29)], 'R2', 'R3 and R2 received as much; the smaller id wins'],
      [[p('R2', 0, 0)], 'R2', 'one answer'],
      [[], null, 'no answers at all'],
    ];
    for (const [positions, expected, why] of cases) {
      const shown = positions.map((x) => `{ id: '${x.id}', received: ${x.received}, applied: ${x.applied} }`).join(', ');
      expect(learner.chooseCandidate(positions.map((x) => ({ ...x }))), `chooseCandidate([${shown}]) (${why})`).toBe(expected);
    }
  });

  test('chooseCandidate agrees with the reference on generated answers', () => {
    // Up to six answers with distinct ids R1–R12 (so 'R10' < 'R2' as strings comes up), few distinct positions (ties are common), applied ≤ received.
    const answers = fc
      .uniqueArray(
        fc.record({ id: fc.integer({ min: 1, max: 12 }).map((n) => `R${n}`), received: fc.nat(4), lag: fc.nat(4) }).map(({ id, received, lag }): Position => ({ id, received, applied: Math.max(0, received - lag) })),
        { selector: (x) => x.id, maxLength: 6 },
      )
      .map((list): [Position[]] => [list]);
    checkAgainstReference({ name: 'chooseCandidate', seed: 808, runs: 100, inputs: answers, learner: learner.chooseCandidate, reference: Reference.chooseCandidate });
  });

  test('keeps every acknowledged write that a replica still up had received', () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      assertWindow(run);
      const promotion = promoted(run);
      const had = Math.max(...run.atDown.filter((p) => p.up).map((p) => p.received));
      const holders = run.atDown.filter((p) => p.up && p.received === had).map((p) => p.id);
      const lost = acknowledged(run).filter((op) => {
        const seq = run.log.indexOf(String(op.input)) + 1;
        return seq > promotion.applied && seq <= had;
      });
      if (lost.length === 0) continue;
      const from = promotion.applied + 1;
      throw violation(
        run,
        `${setup(run)} ${promotion.replica} took over at ${promotion.atMs} ms holding #1–#${promotion.applied}, so the acknowledged writes ${range(from, had)} (${lost.map((op) => String(op.input)).join(', ')}) are lost for good, although ${holders.includes(promotion.replica) ? `${promotion.replica} itself had received them: it took writes before applying its relay log` : `${holders.join(' and ')} had received them`}.`,
        [...lost.slice(-2), ...c2Write(run)],
      );
    }
  });

  test('the new primary takes writes only after applying everything it received', () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      assertWindow(run);
      const first = promoted(run);
      for (const promotion of run.promotions) {
        if (promotion.applied >= promotion.received) continue;
        const dropped = range(promotion.applied + 1, promotion.received);
        throw violation(
          run,
          `${setup(run)} ${promotion.replica} was promoted at ${promotion.atMs} ms with ${dropped} received but not yet applied: taking writes dropped its relay log, so ${dropped} are gone and c2's write became entry #${promotion.applied + 1}, where the other replicas hold ${run.log[promotion.applied] ?? 'nothing'}.${promotion === first ? '' : ' (That was a second promotion.)'}`,
          c2Write(run),
        );
      }
    }
  });

  test(`promotes one replica within ${DEADLINE_MS} ms of noticing the crash, although ${SILENT} never answers`, () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      assertWindow(run);
      const promotion = promoted(run);
      const replicas = [...new Set(run.calls.filter((c) => c.what === 'promote').map((c) => c.replica))];
      if (replicas.length > 1) {
        throw violation(run, `${setup(run)} You promoted ${replicas.join(' and ')}: two primaries take writes that the other never sees. Promote exactly one replica.`, c2Write(run));
      }
      if (promotion.atMs > DOWN_MS + DEADLINE_MS) {
        throw violation(run, `${setup(run)} ${promotion.replica} took over only at ${promotion.atMs} ms, ${promotion.atMs - DOWN_MS} ms after the controller noticed the crash; the deadline is ${DEADLINE_MS} ms. ${SILENT} never answers: decide with the answers that came in within ${ANSWER_WITHIN_MS} ms.`, c2Write(run));
      }
    }
  });
});
