import { checkAgainstReference, defineTests, expect, fc, PropertyViolation, recordRun, sameData, sharedRuns, show, storyEvents, test, type Answer } from '../../src/testkit/index.ts';
import type { Operation } from '../../src/sim/index.ts';
import { ROUNDS_MS, SETTLE_MS, STORY, cacheFillRun, type CacheFillRun, type FillRecord, type PlainLookup } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Cache = InstanceType<Learner['LeaseCache']>;

const SEEDS = [1, 2, 3, 4];
/** The most lines a failure's story shows. */
const STORY_LINES = 15;

/**
 * A get's answer as plain data, judged strictly: `{ hit: true, value }` with a string value, or
 * `{ hit: false, token }` with a number or string token; anything else is described as text.
 */
function lookupOf(answer: unknown): PlainLookup | string {
  const a = (typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? answer : {}) as Record<string, unknown>;
  if (a['hit'] === true && typeof a['value'] === 'string') return { hit: true, value: a['value'] };
  const token = a['token'];
  if (a['hit'] === false && (typeof token === 'number' || typeof token === 'string')) return { hit: false, token };
  return `${show(answer)}, which is neither { hit: true, value } nor { hit: false, token }`;
}

/** One step of a fixed conversation with one cache; a fill names the get whose token it shows by its label. */
type Step =
  | { get: string; label?: string; expect: 'miss' | { hit: string } }
  | { fill: [key: string, value: string, tokenOf: string]; expect: boolean }
  | { delete: string };

/** Plays the steps on a new cache; a wrong answer lists every call so far. */
function expectConversation(learner: Learner, steps: readonly Step[]): void {
  const cache = new learner.LeaseCache();
  const tokens = new Map<string, unknown>();
  const done = ['const cache = new LeaseCache()'];
  for (const step of steps) {
    if ('get' in step) {
      const answer = lookupOf(cache.get(step.get));
      const name = step.label === undefined ? '' : `${step.label} = `;
      done.push(`${name}cache.get(${show(step.get)}) → ${typeof answer === 'string' ? answer : show(answer)}`);
      if (step.expect === 'miss') {
        expect(typeof answer !== 'string' && !answer.hit, `${done.join('\n')}\nThis get should miss, with { hit: false, token }`).toBe(true);
        if (step.label !== undefined && typeof answer !== 'string' && !answer.hit) tokens.set(step.label, answer.token);
      } else {
        expect(answer, `${done.join('\n')}\nThis get should hit`).toEqual({ hit: true, value: step.expect.hit });
      }
    } else if ('fill' in step) {
      const [key, value, tokenOf] = step.fill;
      const got = cache.fill(key, value, tokens.get(tokenOf) as never);
      done.push(`cache.fill(${show(key)}, ${show(value)}, ${tokenOf}.token) → ${show(got)}`);
      expect(got, `${done.join('\n')}\nThe last fill`).toBe(step.expect);
    } else {
      cache.delete(step.delete);
      done.push(`cache.delete(${show(step.delete)})`);
    }
  }
}

/** One call of a generated conversation with two caches: a fill shows the token of one of that cache's earlier misses. */
type Call = ['get', number, string] | ['fill', number, string, string, number] | ['delete', number, string];

/**
 * Up to 20 calls on two caches side by side, on three keys (the empty one among them), with values that may be
 * empty. A fill shows the token of an earlier miss of the same cache — of its own key, or of another — picked
 * by its position, so deletes, second misses and fills while a value is cached all come often.
 */
const KEY = fc.constantFrom('a', 'b', '');
const conversations = fc
  .array(
    fc.oneof(
      { arbitrary: fc.tuple(fc.constant('get' as const), fc.nat(1), KEY), weight: 3 },
      { arbitrary: fc.tuple(fc.constant('fill' as const), fc.nat(1), KEY, fc.constantFrom('old', 'new', ''), fc.nat(9)), weight: 3 },
      { arbitrary: fc.tuple(fc.constant('delete' as const), fc.nat(1), KEY), weight: 2 },
    ),
    { maxLength: 20, size: 'max' },
  )
  .map((calls): [Call[]] => [calls as Call[]]);

/**
 * What each call answered, as plain data: a get's hit and value, or `'miss'` (tokens are the cache's own
 * business, so only each side's own caches see them); a fill's answer; for a delete, that it ran. A fill before its
 * cache has missed is left out.
 */
function converseWith(make: () => Cache) {
  return (calls: Call[]): unknown[] => {
    const caches = [make(), make()];
    const misses: unknown[][] = [[], []];
    return calls.map((call) => {
      const cache = caches[call[1]]!;
      if (call[0] === 'get') {
        const answer = lookupOf(cache.get(call[2]));
        if (typeof answer === 'string' || answer.hit) return answer;
        misses[call[1]]!.push(answer.token);
        return 'miss';
      }
      if (call[0] === 'delete') {
        cache.delete(call[2]);
        return 'deleted';
      }
      const tokens = misses[call[1]]!;
      return tokens.length === 0 ? 'no token yet' : cache.fill(call[2], call[3], tokens[call[4] % tokens.length] as never);
    });
  };
}

/**
 * The first call where the learner's answer differs from the reference's, told as the calls up to it: which cache,
 * and for a fill, which of that cache's misses gave its token.
 */
function judgeConversation(got: Answer<unknown[]>, expected: Answer<unknown[]>, [calls]: [Call[]]): string | null {
  if ('threw' in got) return `threw: ${got.threw}`;
  if ('threw' in expected || sameData(got.returned, expected.returned)) return null;
  const misses = [0, 0];
  const lines: string[] = [];
  for (const [i, call] of calls.entries()) {
    const [method, n, key] = call;
    const answer = got.returned[i];
    let text: string;
    if (method === 'get') {
      text = `cache${n}.get(${show(key)}) → ${answer === 'miss' ? `miss #${misses[n]}` : typeof answer === 'string' ? answer : show(answer)}`;
      if (answer === 'miss') misses[n]! += 1;
    } else if (method === 'delete') {
      text = `cache${n}.delete(${show(key)})`;
    } else {
      text = misses[n] === 0 ? '' : `cache${n}.fill(${show(key)}, ${show(call[3])}, token of miss #${call[4] % misses[n]!}) → ${show(answer)}`;
    }
    if (text !== '') lines.push(text);
    if (!sameData(answer, expected.returned[i])) {
      const should = expected.returned[i] === 'miss' ? 'a miss' : show(expected.returned[i]);
      return `differs from the reference: ${lines.join('; ')} — the last call should have answered ${should}.`;
    }
  }
  return null;
}

/** The last acknowledged write's completion: reads invoked `SETTLE_MS` after it are judged. */
const lastWriteAck = (run: CacheFillRun): number =>
  Math.max(...run.history.filter((op) => op.f === 'write' && op.outcome === 'ok').map((op) => op.completedAt ?? 0));

/** What happened to a key from `fromMs` on, as a failure shows it: the cache's calls and the database's reads and writes. */
const storyOf = (run: CacheFillRun, key: string, fromMs: number, untilMs: number): string[] =>
  run.events.filter((e) => e.key === key && e.atMs >= fromMs && e.atMs <= untilMs).map((e) => e.line).slice(0, STORY_LINES);

/** The run with the client operations that show the failure highlighted. */
const runShowing = (run: CacheFillRun, culprits: readonly (Operation | undefined)[]) =>
  recordRun(run.sim, run.seed, storyEvents(run.sim, culprits.filter((op) => op !== undefined)));

/** The story's race: c1's fill of the story key, which a delete overtook and which carries the replaced row. */
const storyRace = (run: CacheFillRun): FillRecord | undefined => run.fills.find((f) => f.key === STORY.key && f.overtaken && f.stale);

function raceHappened(run: CacheFillRun): void {
  if (storyRace(run) !== undefined) return;
  throw new PropertyViolation({
    property: `This run did not produce the race under test — ${STORY.read.client} reads ${STORY.key} at ${STORY.read.atMs} ms (a miss, then a slow database read), ${STORY.write.client} writes it at ${STORY.write.atMs} ms, and the write's delete reaches the cache before the read's fill — so it cannot judge stale fills. A key nothing has filled must miss: get answers { hit: false, token }.`,
    seed: run.seed,
    trace: storyOf(run, STORY.key, 0, STORY.write.atMs + 100),
    run: runShowing(run, run.history.filter((op) => op.key === STORY.key && op.invokedAt <= STORY.write.atMs + 100)),
  });
}

/** No read invoked `SETTLE_MS` after the last acknowledged write returns other than what the database holds. */
function noStaleReadAfterSettle(run: CacheFillRun): void {
  const from = lastWriteAck(run) + SETTLE_MS;
  const stale = run.history.find((op) => op.f === 'read' && op.invokedAt >= from && op.outcome === 'ok' && op.output !== run.rows[op.key!]);
  if (stale === undefined) return raceHappened(run);
  const key = stale.key!;
  const culprit = [...run.fills].reverse().find((f) => f.key === key && f.stored && f.value === stale.output && f.atMs <= stale.invokedAt);
  const why =
    culprit === undefined
      ? `The cache answered ${show(stale.output)} for it.`
      : `That value came from a fill that arrived at ${culprit.atMs} ms, from a read that had missed at ${culprit.missAtMs} ms${culprit.overtaken ? `; a delete of ${key} reached the cache in between, and the cache still took the fill` : ''}.`;
  throw new PropertyViolation({
    property: `The last write was acknowledged at ${from - SETTLE_MS} ms; ${SETTLE_MS} ms later, ${stale.client}'s read of ${key} at ${stale.invokedAt} ms returned ${show(stale.output)}, but the database holds ${show(run.rows[key])}. ${why} A fill whose read began before a delete of its key must be refused.`,
    seed: run.seed,
    trace: storyOf(run, key, culprit?.missAtMs ?? 0, stale.invokedAt + 10),
    // The stale read and the last write of its key, which it should have seen.
    run: runShowing(run, [run.history.filter((op) => op.f === 'write' && op.key === key && op.outcome === 'ok' && op.invokedAt < stale.invokedAt).at(-1), stale]),
  });
}

/** From the second round of reads on, every read is answered from the cache. */
function roundsHit(run: CacheFillRun): void {
  const miss = run.gets.find((g) => g.atMs >= ROUNDS_MS[1] && !g.lookup.hit);
  if (miss === undefined) return;
  throw new PropertyViolation({
    property: `Every key was read in the round at ${ROUNDS_MS[0]} ms, and nothing was written since, yet the get of ${miss.key} at ${miss.atMs} ms missed: a cache must take a fill that no delete overtook, or it saves the database nothing.`,
    seed: run.seed,
    trace: storyOf(run, miss.key, ROUNDS_MS[0], miss.atMs),
    // The read whose get missed, and the read of the first round whose fill should have made it a hit.
    run: runShowing(run, run.history.filter((op) => op.f === 'read' && op.key === miss.key && op.invokedAt >= ROUNDS_MS[0] && op.invokedAt <= miss.atMs)),
  });
}

export default defineTests<Learner>((learner) => {
  // Both simulation tests judge the same runs: each seed runs (twice) once per grading.
  const runs = sharedRuns((seed) => cacheFillRun(() => new learner.LeaseCache(), seed));

  test('a miss hands out a token, its fill is stored, and the next get is a hit', () => {
    expectConversation(learner, [
      { get: 'k', label: 'first', expect: 'miss' },
      { get: 'k', label: 'second', expect: 'miss' },
      { fill: ['k', 'v1', 'first'], expect: true },
      { get: 'k', expect: { hit: 'v1' } },
      { fill: ['k', 'v1', 'second'], expect: false },
      { get: 'k', expect: { hit: 'v1' } },
    ]);
  });

  test('a fill that read before a write is refused, even after another reader filled; a read after the write fills', () => {
    expectConversation(learner, [
      { get: 'k', label: 'slow', expect: 'miss' },
      { get: 'k', label: 'quick', expect: 'miss' },
      { fill: ['k', 'old', 'quick'], expect: true },
      { delete: 'k' },
      { fill: ['k', 'old', 'slow'], expect: false },
      { get: 'k', label: 'after', expect: 'miss' },
      { fill: ['k', 'new', 'after'], expect: true },
      { get: 'k', expect: { hit: 'new' } },
    ]);
  });

  test('a delete that finds nothing cached still refuses the fill it overtook', () => {
    expectConversation(learner, [
      { get: 'k', label: 'slow', expect: 'miss' },
      { delete: 'k' },
      { fill: ['k', 'old', 'slow'], expect: false },
      { get: 'k', expect: 'miss' },
    ]);
  });

  test("a token fills only its own key, and a delete leaves other keys' fills alone", () => {
    expectConversation(learner, [
      { get: 'a', label: 'forA', expect: 'miss' },
      { get: 'b', label: 'forB', expect: 'miss' },
      { fill: ['b', 'x', 'forA'], expect: false },
      { delete: 'a' },
      { fill: ['b', 'vb', 'forB'], expect: true },
      { get: 'b', expect: { hit: 'vb' } },
    ]);
  });

  test('two caches side by side agree with the reference on generated calls', () => {
    checkAgainstReference({
      name: 'conversation', seed: 1414, runs: 100, inputs: conversations,
      learner: converseWith(() => new learner.LeaseCache()), reference: converseWith(() => new Reference.LeaseCache()), judge: judgeConversation,
    });
  });

  test(`${SETTLE_MS} ms after the last write is acknowledged, no read returns an older value`, () => {
    for (const seed of SEEDS) noStaleReadAfterSettle(runs(seed));
  });

  test('once every key has been read, later reads are hits', () => {
    for (const seed of SEEDS) roundsHit(runs(seed));
  });
});
