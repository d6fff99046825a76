import { defineTests, test, expect, PropertyViolation, runTwice, storyLines, checkObjectsAgainstReference, fc, sameData, show, type Answer, type MethodCall } from '../../src/testkit/index.ts';
import { DEFAULT_LINKS, runPullCdn, versionAt, type MakeEdgeCache, type PullCdnOptions, type PullCdnRun } from '../../src/scenarios/pull-cdn.ts';
import type { Operation } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const TTL_MS = 500;
/** Steady traffic over three files whose content changes every 700 ms at the origin. */
const STEADY: Omit<PullCdnOptions, 'makeCache'> = { ttlMs: TTL_MS, keys: ['style.css', 'app.js', 'logo.png'], publishEveryMs: 700, ratePerSec: 200, stopMs: 3000 };
/** A flash crowd: 100 users ask for a file the edge has never seen, all in the same millisecond. */
const CROWD_AT_MS = 10;
const CROWD: Omit<PullCdnOptions, 'makeCache'> = {
  ttlMs: TTL_MS,
  keys: ['launch.mp4'],
  publishEveryMs: 60_000,
  ratePerSec: 0,
  stopMs: 100,
  scripted: Array.from({ length: 100 }, () => ({ atMs: CROWD_AT_MS, key: 'launch.mp4' })),
};
/** The oldest a served copy may be: the TTL, plus the trip the body made from the origin to the edge. */
const STALE_BOUND_MS = TTL_MS + DEFAULT_LINKS.edgeOriginMs;

const makeCache = (learner: Learner): MakeEdgeCache => (ttlMs) => new learner.EdgeCache(ttlMs);

function operation(run: PullCdnRun, id: number): Operation {
  return run.history.find((op) => op.id === id) as Operation;
}

/** Every request must be answered: a "wait" with no fetch on its way leaves the user hanging. */
function checkAllAnswered(run: PullCdnRun): void {
  const unanswered = run.history.find((op) => op.outcome !== 'ok');
  if (unanswered === undefined) return;
  const key = unanswered.input as string;
  const fetches = run.originFetches.filter((fetch) => fetch.key === key).map((fetch) => `${fetch.at} ms`);
  throw new PropertyViolation({
    property: `A request for ${key} at ${unanswered.invokedAt} ms was never answered: lookup said "wait", but no fetch for ${key} was on its way to the origin.`,
    seed: run.seed,
    trace: [`the origin answered fetches for ${key} at: ${fetches.slice(-6).join(', ') || 'never'}`, ...storyLines(run.sim, [unanswered])],
  });
}

/** A hit must serve a body the origin sent the edge for that file: the edge judges what arrived, not what the cache says. */
function checkServedWhatArrived(run: PullCdnRun): void {
  const forged = run.served.find((copy) => copy.forged);
  if (forged === undefined) return;
  const op = operation(run, forged.op);
  throw new PropertyViolation({
    property: `At ${forged.at} ms lookup("${forged.key}", ${forged.at}) answered a hit with the body ${JSON.stringify(op.output)}, which the origin never sent the edge: a hit must serve the body fill() was given for that file.`,
    seed: run.seed,
    trace: [`the origin answered fetches for ${forged.key} at: ${run.originFetches.filter((f) => f.key === forged.key).map((f) => `${f.at} ms (v${f.version})`).slice(-6).join(', ') || 'never'}`, ...storyLines(run.sim, [op]).slice(-4)],
  });
}

function checkStaleness(run: PullCdnRun): void {
  checkServedWhatArrived(run);
  if (!run.served.some((copy) => copy.hit)) {
    throw new PropertyViolation({
      property: `The edge answered none of the ${run.served.length} requests from its copy (every one waited for the origin), so this test cannot judge how stale a cached copy gets: serve a fresh copy as a hit.`,
      seed: run.seed,
      trace: [`the origin answered ${run.originFetches.length} fetches`],
    });
  }
  const worst = run.served.reduce((a, b) => (b.staleMs > a.staleMs ? b : a));
  if (worst.staleMs <= STALE_BOUND_MS) return;
  const fill = [...run.served].reverse().find((copy) => !copy.hit && copy.key === worst.key && copy.version === worst.version && copy.at <= worst.at);
  throw new PropertyViolation({
    property: `At ${worst.at} ms the edge served version ${worst.version} of ${worst.key}, ${worst.staleMs} ms after version ${worst.version + 1} was published; with ttlMs = ${TTL_MS} no copy should be more than ${STALE_BOUND_MS} ms out of date (the TTL plus the ${DEFAULT_LINKS.edgeOriginMs} ms trip from the origin).`,
    seed: run.seed,
    trace: [
      `the origin publishes a new version of every file every ${run.options.publishEveryMs} ms; at ${worst.at} ms it was on version ${versionAt(run.options, worst.at)}`,
      fill === undefined ? `version ${worst.version} of ${worst.key} reached the edge earlier` : `version ${worst.version} of ${worst.key} reached the edge at ${fill.at} ms, ${worst.at - fill.at} ms before it was served`,
      `the origin answered fetches for ${worst.key} at: ${run.originFetches.filter((f) => f.key === worst.key).map((f) => `${f.at} ms`).slice(-6).join(', ')}`,
      ...storyLines(run.sim, [operation(run, worst.op)]).slice(-6),
    ],
  });
}

/**
 * The reference, also keeping what its edge would know: which files have a fetch on its way (only those get a
 * fill), and when each file's copy arrived (when it expires).
 */
class EdgeModel extends Reference.EdgeCache {
  readonly pending = new Set<string>();
  readonly arrived = new Map<string, number>();
  readonly ttl: number;
  constructor(ttlMs: number) {
    super(ttlMs);
    this.ttl = ttlMs;
  }
  override lookup(key: string, now: number): Solution.Lookup {
    const answer = super.lookup(key, now);
    if (answer.kind === 'fetch') this.pending.add(key);
    return answer;
  }
  override fill(key: string, body: string, now: number): void {
    super.fill(key, body, now);
    this.pending.delete(key);
    this.arrived.set(key, now);
  }
}

const FILES = ['a.css', 'b.js', 'c.png'];

/**
 * Lookups and fills of three files on a cache with ttlMs 0, 1, up to 8 or very long. Lookups outnumber fills
 * so bursts of misses wait on one fetch; a fill comes only for a file with a fetch on its way (the edge's
 * promise), and its body is sometimes empty.
 */
const cacheCall = fc.oneof(
  { arbitrary: fc.constantFrom(...FILES).map((key) => ({ method: 'lookup', args: [key] })), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...FILES), fc.oneof(fc.constant(''), fc.nat(99))).map(([key, version]) => ({ method: 'fill', args: [key, version === '' ? '' : `${key}@v${version}`] })), weight: 1 },
);

/**
 * Time never goes back: a call comes in the same millisecond, the next one or much later, or exactly ttlMs
 * after the file's copy arrived, or one millisecond either side of that.
 */
const cacheClock = {
  advance: fc.constantFrom(0, 1, 2 ** 32),
  deadline: ({ args }: { args: readonly unknown[] }, reference: object) => {
    const model = reference as EdgeModel;
    const arrived = model.arrived.get(args[0] as string);
    return arrived === undefined ? undefined : arrived + model.ttl;
  },
};

/** The reference's answers; a fill answers nothing, so only a throw from it is judged. */
function judgeCacheCall(got: Answer<unknown>, expected: Answer<unknown>, call: MethodCall): string | null {
  if (call.method === 'fill' && 'returned' in got && 'returned' in expected) return null;
  if ('threw' in expected) return 'threw' in got ? null : `should throw (${expected.threw}), but yours returned ${show(got.returned)}.`;
  if ('threw' in got) return `should ${call.method === 'fill' ? 'store the copy' : `return ${show(expected.returned)}`}, but yours threw: ${got.threw}`;
  return sameData(got.returned, expected.returned) ? null : `should return ${show(expected.returned)}, but yours returned ${show(got.returned)}.`;
}

export default defineTests<Learner>((learner) => {
  test('serves its copy until ttlMs after it arrived, then fetches again', () => {
    const cache = new learner.EdgeCache(1000);
    expect(cache.lookup('a.css', 0), 'lookup of a.css at 0 ms, nothing cached').toEqual({ kind: 'fetch' });
    cache.fill('a.css', 'a.css@v1', 80);
    expect(cache.lookup('a.css', 81), 'lookup at 81 ms, copy arrived at 80 ms (ttlMs = 1000)').toEqual({ kind: 'hit', body: 'a.css@v1' });
    expect(cache.lookup('a.css', 1079), 'lookup at 1079 ms: the copy is 999 ms old').toEqual({ kind: 'hit', body: 'a.css@v1' });
    expect(cache.lookup('a.css', 1080), 'lookup at 1080 ms: the copy is exactly 1000 ms old, so it has expired').toEqual({ kind: 'fetch' });
  });

  test('sends one fetch for a burst of misses on the same file', () => {
    const cache = new learner.EdgeCache(1000);
    const answers = [cache.lookup('a.css', 0), cache.lookup('a.css', 1), cache.lookup('b.js', 1), cache.lookup('a.css', 2)];
    expect(answers, 'lookups of a.css at 0 ms, a.css at 1 ms, b.js at 1 ms, a.css at 2 ms').toEqual([{ kind: 'fetch' }, { kind: 'wait' }, { kind: 'fetch' }, { kind: 'wait' }]);
    cache.fill('a.css', 'a.css@v1', 80);
    expect(cache.lookup('a.css', 81), 'lookup of a.css at 81 ms, after its fetch arrived at 80 ms').toEqual({ kind: 'hit', body: 'a.css@v1' });
    expect(cache.lookup('b.js', 81), 'lookup of b.js at 81 ms: its fetch is still on its way').toEqual({ kind: 'wait' });
  });

  test('lets a copy expire ttlMs after it arrived, however often it is read', () => {
    const cache = new learner.EdgeCache(100);
    cache.lookup('hot.js', 0);
    cache.fill('hot.js', 'hot.js@v1', 10);
    const reads = [20, 40, 60, 80, 100, 109].map((now) => cache.lookup('hot.js', now).kind);
    expect(reads, 'lookups at 20, 40, 60, 80, 100 and 109 ms of a copy that arrived at 10 ms (ttlMs = 100)').toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'hit']);
    expect(cache.lookup('hot.js', 110), 'lookup at 110 ms: the copy arrived 100 ms ago, however often it was read since').toEqual({ kind: 'fetch' });
  });

  test('agrees with the reference on generated lookups and fills on two caches', () => {
    checkObjectsAgainstReference({
      make: 'new EdgeCache', makeArgs: fc.tuple(fc.oneof(fc.nat(8), fc.constant(2 ** 31))), instances: 2, maxCalls: 24,
      call: cacheCall, clock: cacheClock, judge: judgeCacheCall,
      valid: (call, reference) => call.method !== 'fill' || (reference as EdgeModel).pending.has(call.args[0] as string),
      learner: (ttlMs) => new learner.EdgeCache(ttlMs), reference: (ttlMs) => new EdgeModel(ttlMs),
      seed: 1661, runs: 40,
    });
  });

  test('100 users missing at once cause one origin fetch', () => {
    for (const seed of SEEDS) {
      const run = runTwice(seed, (runSeed) => runPullCdn({ makeCache: makeCache(learner), ...CROWD }, runSeed));
      checkAllAnswered(run);
      checkServedWhatArrived(run);
      if (run.originFetches.length === 1) continue;
      throw new PropertyViolation({
        property: `100 users asked the edge for launch.mp4 at ${CROWD_AT_MS} ms; the edge should fetch it from the origin once and answer all 100 when it arrives, but the origin received ${run.originFetches.length} fetches.`,
        seed,
        trace: [
          `origin fetches at: ${run.originFetches.slice(0, 8).map((fetch) => `${fetch.at} ms`).join(', ')}${run.originFetches.length > 8 ? ', …' : ''}`,
          ...storyLines(run.sim, run.history.slice(0, 2)),
        ],
      });
    }
  });

  test('serves no copy older than ttlMs plus the trip from the origin', () => {
    for (const seed of SEEDS) {
      const run = runTwice(seed, (runSeed) => runPullCdn({ makeCache: makeCache(learner), ...STEADY }, runSeed));
      checkAllAnswered(run);
      checkStaleness(run);
    }
  });
});
