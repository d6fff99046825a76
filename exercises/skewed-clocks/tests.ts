import { checkAgainstReference, checkConvergence, checkScenario, defineTests, expect, fc, shrinkableScenario, show, test, type Answer, type CheckResult } from '../../src/testkit/index.ts';
import type { Operation } from '../../src/sim/index.ts';
import { B_SKEW_MS, STORY, describeStamp, describeVersion, skewedClocksRun, writeOf, writesFollowed, type SkewedClocksRun, type Stamp } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3, 4];
/**
 * The reads and writes a client issues before the story, at most: each takes at least 22 ms (a 1 ms link each
 * way and 20 ms of thinking) in the 350 ms the clients run, so no graded run reaches the cap.
 */
const OPERATIONS_PER_CLIENT = 16;

/** The order the prompt states, as the grader computes it: never the learner's compareStamps. */
const later = (a: Stamp, b: Stamp): boolean => Reference.compareStamps(a, b) > 0;

const sign = (n: unknown): unknown => (typeof n === 'number' ? Math.sign(n) : n);

/**
 * Two stamps: time parts 0–3 (ties often) or very large, replica ids that sort differently by code unit than
 * by a dictionary ('B' < 'a', 'r10' < 'r9'); half the pairs share a time part, some are the same stamp.
 */
const stamp = fc.record({
  time: fc.oneof(fc.nat(3), fc.constantFrom(2 ** 40, Number.MAX_SAFE_INTEGER)),
  replica: fc.constantFrom('A', 'B', 'C', 'a', 'b', 'r9', 'r10'),
});
const stampPairs = fc.tuple(stamp, stamp, fc.constantFrom('any', 'same time', 'same stamp')).map(([a, b, tie]): [Stamp, Stamp] =>
  tie === 'same stamp' ? [a, { ...a }] : tie === 'same time' ? [a, { ...b, time: a.time }] : [a, b],
);

/** One call in a conversation with three clocks: a stamp at a wall-clock reading, or a stamp one of them issued. */
type ClockCall = ['stamp', string, number] | ['observe', string, number];

/**
 * Up to 20 calls on clocks A, B and C. Each replica's wall clock is off by its own amount (0, 200 ms or 5 s
 * ahead) and mostly moves on by 0–3 ms per call, sometimes jumps ahead, steps back (never below 0) or reads a
 * very large time; an observed stamp is one issued earlier in the conversation, by any of the three.
 */
const conversations = fc
  .tuple(
    fc.tuple(fc.constantFrom(0, 200, 5000), fc.constantFrom(0, 200, 5000), fc.constantFrom(0, 200, 5000)),
    fc.array(
      fc.tuple(
        fc.constantFrom('stamp', 'stamp', 'observe'),
        fc.constantFrom('A', 'B', 'C'),
        fc.oneof({ arbitrary: fc.nat(3), weight: 6 }, { arbitrary: fc.integer({ min: -300, max: -1 }), weight: 1 }, { arbitrary: fc.integer({ min: 4, max: 500 }), weight: 1 }, { arbitrary: fc.constant(2 ** 40), weight: 1 }),
      ),
      { maxLength: 20, size: 'max' },
    ),
  )
  .map(([offsets, steps]): [ClockCall[]] => {
    let trueMs = 0;
    let issued = 0;
    const calls: ClockCall[] = [];
    for (const [method, replica, step] of steps) {
      if (method === 'observe') {
        if (issued > 0) calls.push(['observe', replica, ((step % issued) + issued) % issued]);
        continue;
      }
      const offset = offsets['ABC'.indexOf(replica)]!;
      const now = step === 2 ** 40 ? step : Math.max(0, trueMs + offset + Math.min(step, 0));
      if (step > 0 && step !== 2 ** 40) trueMs += step;
      calls.push(['stamp', replica, now]);
      issued += 1;
    }
    return [calls];
  });

/** What each stamp call answered, or what it threw; observe answers nothing. Observed stamps are the side's own. */
function converseWith(make: (replica: string) => { stamp(now: number): Stamp; observe(stamp: Stamp): void }) {
  return (calls: ClockCall[]): (Stamp | { threw: string } | undefined)[] => {
    const clocks = new Map<string, ReturnType<typeof make>>();
    const clock = (replica: string) => clocks.get(replica) ?? clocks.set(replica, make(replica)).get(replica)!;
    const stamps: Stamp[] = [];
    return calls.map((call) => {
      try {
        if (call[0] === 'observe') {
          clock(call[1]).observe({ ...stamps[call[2]]! });
          return undefined;
        }
        const got = clock(call[1]).stamp(call[2]);
        stamps.push(got);
        return got;
      } catch (error) {
        return { threw: error instanceof Error ? error.message : String(error) };
      }
    });
  };
}

const describeCall = (call: ClockCall, n: number): string =>
  call[0] === 'stamp' ? `${call[1]}.stamp(${call[2]}) → stamp #${n}` : `${call[1]}.observe(stamp #${call[2]})`;

/**
 * Judges the learner's stamps by the property, not by the reference's values (a Lamport clock and a hybrid
 * one stamp differently): each stamp must name its replica, have a whole-number time part, and be later than
 * every stamp its replica issued or observed before, and everything those followed.
 */
function judgeConversation(got: Answer<unknown[]>, _expected: Answer<unknown[]>, [calls]: [ClockCall[]]): string | null {
  if ('threw' in got) return `threw: ${got.threw}`;
  const past = new Map<string, Set<number>>();
  const pastOf: Set<number>[] = [];
  const stamps: Stamp[] = [];
  const lines: string[] = [];
  const fail = (why: string) => `— ${lines.join('; ')} — ${why}`;
  for (const [i, call] of calls.entries()) {
    const seen = past.get(call[1]) ?? new Set<number>();
    past.set(call[1], seen);
    const answer = got.returned[i];
    if (call[0] === 'observe') {
      lines.push(describeCall(call, 0));
      for (const earlier of [...pastOf[call[2]]!, call[2]]) seen.add(earlier);
      continue;
    }
    const n = stamps.length;
    lines.push(describeCall(call, n));
    if (answer !== null && typeof answer === 'object' && 'threw' in answer) return fail(`the last call threw: ${String(answer.threw)}.`);
    const s = answer as Stamp;
    if (s === null || typeof s !== 'object' || !Number.isSafeInteger(s.time) || s.time < 0 || s.replica !== call[1]) {
      return fail(`the last call returned ${show(answer)}, but a stamp is { time, replica } with a whole-number time ≥ 0 and this clock's replica id ${JSON.stringify(call[1])}.`);
    }
    const notLater = [...seen].find((k) => !later(s, stamps[k]!));
    if (notLater !== undefined) {
      return fail(`stamp #${n} is ${describeStamp(s)}, not later than stamp #${notLater}, ${describeStamp(stamps[notLater]!)}, which ${call[1]} had issued or observed before: a write stamped #${n} would lose to one its replica had already seen.`);
    }
    stamps.push(s);
    pastOf.push(new Set(seen));
    seen.add(n);
  }
  return null;
}

/** The operations a failure's story shows: the writes named, found in the history. */
const culpritsOf = (run: SkewedClocksRun, ...values: (string | null)[]): Operation[] =>
  values.map((value) => writeOf(run.history, value)).filter((op): op is Operation => op !== undefined);

/**
 * The story the tests rely on happened: both writes acknowledged, c2's read returned c1's, and B's clock was
 * behind. Null when it did; else what did not happen.
 */
function storyMissing(run: SkewedClocksRun): string | null {
  const ok = (f: string, client: string, atMs: number) => run.history.find((op) => op.f === f && op.client === client && op.invokedAt === atMs && op.outcome === 'ok');
  const first = ok('write', STORY.first.client, STORY.first.atMs);
  const read = ok('read', STORY.read.client, STORY.read.atMs);
  const second = ok('write', STORY.second.client, STORY.second.atMs);
  const clockOf = (value: string) => run.writes.find((w) => w.value === value);
  const firstClock = clockOf(STORY.first.value);
  const secondClock = clockOf(STORY.second.value);
  if (first !== undefined && read?.output === STORY.first.value && second !== undefined && firstClock !== undefined && secondClock !== undefined && secondClock.clockMs < firstClock.clockMs) {
    return null;
  }
  return `This run did not produce the situation under test — ${STORY.first.client} writes ${STORY.first.value} at A at ${STORY.first.atMs} ms, ${STORY.read.client} reads it at B at ${STORY.read.atMs} ms and then writes ${STORY.second.value} there, while B's clock runs ${-B_SKEW_MS} ms behind — so it cannot judge whether a write loses to one it follows. The read at ${STORY.read.atMs} ms returned ${show(read?.output)}: every write must be acknowledged, and a replica must keep the newer of two versions.`;
}

/** No replica kept or took a version over one that follows it. */
function noWriteLosesToOneItFollows(run: SkewedClocksRun): CheckResult {
  const follows = writesFollowed(run.history);
  for (const d of run.decisions) {
    const incoming = d.incoming.value!;
    const held = d.held.value!;
    const [winner, loser] = d.tookIncoming ? [incoming, held] : [held, incoming];
    const [winnerVersion, loserVersion] = d.tookIncoming ? [d.incoming, d.held] : [d.held, d.incoming];
    if (!(follows.get(loser)?.has(winner) ?? false)) continue;
    const how = d.source === 'write' ? `took the write ${describeVersion(d.incoming)}` : `received ${describeVersion(d.incoming)}`;
    return {
      ok: false,
      property: `At ${d.atMs} ms replica ${d.node}, holding ${describeVersion(d.held)}, ${how} and kept ${winner}. But ${loser} was written after its client had seen ${winner}, so it is the later write: the acknowledged write ${loser} was lost at ${d.node}. (Its stamp ${describeStamp(loserVersion.stamp)} must be later than ${describeStamp(winnerVersion.stamp)}.)`,
      details: [],
      culprits: culpritsOf(run, winner, loser),
    };
  }
  return { ok: true };
}

/** Every replica ends with the same write, and no acknowledged write follows it. */
function convergedOnTheLastWrite(run: SkewedClocksRun): CheckResult {
  const converged = checkConvergence(run.versions, { describeState: describeVersion, atMs: run.endMs, stateKey: (v) => String(v.value) });
  if (!converged.ok) return { ...converged, culprits: culpritsOf(run, ...Object.values(run.versions).map((v) => v.value)) };
  const held = Object.values(run.versions)[0]!;
  const follows = writesFollowed(run.history);
  const lost = [...follows].filter(([, before]) => held.value !== null && before.has(held.value)).map(([value]) => value);
  if (held.value !== null && lost.length === 0) return { ok: true };
  return {
    ok: false,
    property:
      held.value === null
        ? 'After the heal every replica still holds no value, although clients wrote: a replica must keep a write it takes.'
        : `After the heal every replica holds ${describeVersion(held)}, but ${lost.slice(-3).join(', ')} ${lost.length === 1 ? 'was' : 'were'} written after ${held.value} had been seen by its client: ${lost.length === 1 ? 'that acknowledged write is' : `those ${lost.length} acknowledged writes are`} lost.`,
    details: [],
    culprits: culpritsOf(run, held.value, lost.at(-1) ?? null),
  };
}

export default defineTests<Learner>((learner) => {
  // Both simulation tests judge the same runs: each seed runs (twice) once per grading. A failing run is shrunk
  // to fewer reads and writes before the story (the story itself, and B's skew, stay).
  const runs = shrinkableScenario({
    sizes: { operations: { graded: OPERATIONS_PER_CLIENT, smallest: 0, label: 'random reads and writes per client' } },
    build: (seed, size) => skewedClocksRun({ clock: (replica) => new learner.Clock(replica), compare: learner.compareStamps }, seed, size.operations),
  });

  test('compareStamps orders by time, then by replica id, and only a stamp equals itself', () => {
    const cases: [Stamp, Stamp, number, string][] = [
      [{ time: 5, replica: 'A' }, { time: 7, replica: 'A' }, -1, 'the smaller time part is older'],
      [{ time: 7, replica: 'A' }, { time: 5, replica: 'C' }, 1, 'the time part decides before the replica id'],
      [{ time: 7, replica: 'A' }, { time: 7, replica: 'B' }, -1, "equal times: 'A' < 'B', so a is older"],
      [{ time: 7, replica: 'C' }, { time: 7, replica: 'B' }, 1, "equal times: 'C' > 'B', so a is newer"],
      [{ time: 7, replica: 'B' }, { time: 7, replica: 'B' }, 0, 'the same stamp'],
    ];
    for (const [a, b, expected, why] of cases) {
      expect(sign(learner.compareStamps({ ...a }, { ...b })), `the sign of compareStamps(${describeStamp(a)}, ${describeStamp(b)}) — ${why}`).toBe(expected);
    }
  });

  test('compareStamps agrees with the reference on generated stamps', () => {
    checkAgainstReference({
      name: 'compareStamps', seed: 1931, runs: 100, inputs: stampPairs,
      learner: learner.compareStamps, reference: Reference.compareStamps,
      judge: (got, expected) => ('returned' in got && 'returned' in expected && sign(got.returned) === sign(expected.returned) ? null : `should have the sign of ${'returned' in expected ? show(expected.returned) : 'the reference'}, but yours ${'returned' in got ? `returned ${show(got.returned)}` : `threw: ${got.threw}`}.`),
    });
  });

  test('a stamp is later than one its replica observed from a clock that runs ahead', () => {
    const a = new learner.Clock('A');
    const b = new learner.Clock('B');
    const fromA = a.stamp(1000);
    b.observe({ ...fromA });
    const fromB = b.stamp(800);
    expect(
      later(fromB, fromA),
      `A.stamp(1000) returned ${describeStamp(fromA)}; B observed it, then B.stamp(800) — B's clock runs 200 ms behind A's — returned ${describeStamp(fromB)}, which must be later`,
    ).toBe(true);
  });

  test('every stamp is later than all its replica issued or observed (generated conversations)', () => {
    checkAgainstReference({
      name: 'conversation', seed: 1932, runs: 80, inputs: conversations, judge: judgeConversation,
      learner: converseWith((replica) => new learner.Clock(replica)), reference: converseWith((replica) => new Reference.Clock(replica)),
    });
  });

  test(`with B's clock ${-B_SKEW_MS} ms behind, no replica lets a write lose to one it follows`, () => {
    checkScenario(SEEDS, runs, { happened: storyMissing, check: noWriteLosesToOneItFollows });
  });

  test('after the heal every replica holds the same write, and no acknowledged write follows it', () => {
    checkScenario(SEEDS, runs, { happened: storyMissing, check: convergedOnTheLastWrite, judgedAtEnd: true });
  });
});
