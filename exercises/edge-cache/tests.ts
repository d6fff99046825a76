import { defineTests, test, expect, PropertyViolation, runTwice, storyLines, checkAgainstReference, fc, show, type Answer } from '../../src/testkit/index.ts';
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

/** Two edge caches side by side, `a` and `b`, each made as `new EdgeCache(ttlMs)`. */
const NAMES = ['a', 'b'] as const;
const FILES = ['a.css', 'b.js', 'c.png'];
/** A step is a call as code, such as `a.lookup('b.js', 7)` or `b.fill('a.css', 'a.css@3', 9)` (names and bodies hold no quotes). */
const STEP = /^([ab])\.(lookup|fill)\((.*)\)$/;

/** Runs the steps on fresh caches of one side, answering what each lookup returned (a fill answers nothing). */
function runSteps(makeCache: (ttlMs: number) => Solution.EdgeCache) {
  return (ttls: number[], steps: string[]): (Solution.Lookup | undefined)[] => {
    const caches = ttls.map((ttlMs) => makeCache(ttlMs));
    return steps.map((step) => {
      const [, name, method, args] = STEP.exec(step) as RegExpExecArray;
      const cache = caches[NAMES.indexOf(name as 'a' | 'b')]!;
      const [key, second, third] = JSON.parse(`[${args!.replaceAll("'", '"')}]`) as [string, string | number, number];
      if (method === 'lookup') return cache.lookup(key, second as number);
      cache.fill(key, second as string, third);
      return undefined;
    });
  };
}

/**
 * Two caches with ttlMs 0, 1, up to 8 or very long, and lookups and fills of three files at times that never go
 * backwards: often in the same millisecond, or exactly ttlMs after the file's copy arrived, one before or one
 * after. A fill comes only for a file with a fetch on its way (the edge's promise), bodies are sometimes
 * empty, and lookups outnumber fills so bursts of misses wait on one fetch.
 */
const cacheRuns = fc
  .tuple(
    fc.array(fc.oneof(fc.nat(8), fc.constant(2 ** 31)), { minLength: 2, maxLength: 2 }),
    fc.array(
      fc.tuple(fc.constantFrom(0, 1), fc.constantFrom('lookup', 'lookup', 'fill'), fc.constantFrom(...FILES), fc.constantFrom('same', 'next', 'expiry', 'later'), fc.integer({ min: -1, max: 1 }), fc.boolean()),
      { maxLength: 24, size: 'max' },
    ),
  )
  .map(([ttls, specs]): [number[], string[]] => {
    // The reference tells which files have a fetch on its way, so a fill comes only where the edge would send one.
    const model = ttls.map((ttlMs) => new Reference.EdgeCache(ttlMs));
    const pending = ttls.map(() => new Set<string>());
    const arrived = ttls.map(() => new Map<string, number>());
    const steps: string[] = [];
    let now = 0;
    for (const [i, method, key, gap, nudge, empty] of specs) {
      if (method === 'fill' && !pending[i]!.has(key)) continue;
      const expiry = (arrived[i]!.get(key) ?? now) + ttls[i]! + nudge;
      now = Math.max(now, gap === 'same' ? now : gap === 'next' ? now + 1 : gap === 'later' ? now + 2 ** 32 : expiry);
      if (method === 'fill') {
        const body = empty ? '' : `${key}@${now}`;
        model[i]!.fill(key, body, now);
        pending[i]!.delete(key);
        arrived[i]!.set(key, now);
        steps.push(`${NAMES[i]}.fill('${key}', '${body}', ${now})`);
      } else {
        if (model[i]!.lookup(key, now).kind === 'fetch') pending[i]!.add(key);
        steps.push(`${NAMES[i]}.lookup('${key}', ${now})`);
      }
    }
    return [ttls, steps];
  });

/** Names the first step where the learner's caches answered otherwise, with the run before it as code. */
function judgeSteps(got: Answer<(Solution.Lookup | undefined)[]>, expected: Answer<(Solution.Lookup | undefined)[]>, [ttls, steps]: [number[], string[]]): string | null {
  if (!('returned' in expected)) return null;
  const setup = ttls.map((ttlMs, i) => `const ${NAMES[i]} = new EdgeCache(${ttlMs});`).join(' ');
  if ('threw' in got) return `threw: ${got.threw} (${setup})`;
  const at = expected.returned.findIndex((want, i) => show(want) !== show(got.returned[i]));
  if (at === -1) return null;
  const before = steps.slice(0, at);
  return `differs at step ${at + 1}: after ${setup}${before.length > 0 ? ` ${before.join('; ')};` : ''} the call ${steps[at]} should return ${show(expected.returned[at])}, but yours returned ${show(got.returned[at])}.`;
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
    checkAgainstReference({
      // Shown as runSteps([the ttlMs of a and b], [the calls in order]).
      name: 'runSteps', seed: 1661, runs: 80, inputs: cacheRuns, judge: judgeSteps,
      learner: runSteps((ttlMs) => new learner.EdgeCache(ttlMs)),
      reference: runSteps((ttlMs) => new Reference.EdgeCache(ttlMs)),
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
