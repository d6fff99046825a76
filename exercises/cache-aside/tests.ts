import { defineTests, test, expect, PropertyViolation, checkObjectsAgainstReference, fc, show, type Answer } from '../../src/testkit/index.ts';
import { countingDatabase, plainCache, referenceHits, skewedWorkload, type CacheOp } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const TTL_MS = 1000;
const SEEDS = [1, 2, 3];

function setup(learner: Learner, initial: Record<string, string> = {}, ttlMs = TTL_MS) {
  const db = countingDatabase(initial);
  const cache = plainCache();
  // The learner's code gets the facades; the counts, the rows and the entries the tests read stay out of its reach.
  return { db, cache, app: learner.createCacheAside(db.facade, cache.facade, ttlMs) };
}

const describeOp = (op: CacheOp) => (op.kind === 'write' ? `t=${op.at}ms ${op.client} write ${op.key} = ${op.value}` : `t=${op.at}ms ${op.client} read ${op.key}`);

const KEYS = ['k1', 'k2', 'k3'];
/** Values include the empty string, which is a stored value like any other (a missing row is null). */
const VALUES = ['', 'a', 'b'];

/** What one call did, as the tests saw it: its answer, the database reads it made, and the key's entry after it. */
interface Observed {
  readonly returned?: string | null;
  readonly databaseReads?: number;
  readonly databaseHolds?: string | null;
  readonly cacheEntry?: Solution.CacheEntry;
}

/**
 * One cache-aside over its own database and cache, each call answering what it did: the database and the cache
 * are the tests', made fresh for each side, so the learner's code and the reference never share one.
 */
function observed(create: Learner['createCacheAside']) {
  return (ttlMs: number, rows: Record<string, string>) => {
    const db = countingDatabase(rows);
    const cache = plainCache();
    const app = create(db.facade, cache.facade, ttlMs);
    return {
      read(key: string, now: number): Observed {
        const before = db.reads();
        const returned = app.read(key, now);
        return { returned, databaseReads: db.reads() - before, cacheEntry: cache.entry(key) };
      },
      write(key: string, value: string, now: number): Observed {
        app.write(key, value, now);
        return { databaseHolds: db.peek(key), cacheEntry: cache.entry(key) };
      },
    };
  };
}

const describeObserved = (o: Observed): string =>
  [
    'returned' in o ? `answer ${show(o.returned)}` : null,
    o.databaseReads !== undefined ? `read the database ${o.databaseReads === 1 ? 'once' : `${o.databaseReads} times`}` : null,
    'databaseHolds' in o ? `leave ${show(o.databaseHolds)} in the database` : null,
    o.cacheEntry === undefined ? 'leave no cache entry for the key' : `leave the cache entry ${show(o.cacheEntry)}`,
  ]
    .filter((part) => part !== null)
    .join(', ');

function judgeObserved(got: Answer<unknown>, expected: Answer<unknown>): string | null {
  if (!('returned' in expected)) return null;
  const want = expected.returned as Observed;
  if ('threw' in got) return `should ${describeObserved(want)}, but yours threw: ${got.threw}`;
  const mine = got.returned as Observed;
  return JSON.stringify(mine) === JSON.stringify(want) ? null : `should ${describeObserved(want)}, but yours did: ${describeObserved(mine)}.`;
}

/**
 * Two cache-asides side by side over their own databases (some rows set, values '' and others), TTLs of 0, 1,
 * up to 20 ms or very long, and reads and writes of three keys at times 0–30 ms in any order — several app
 * servers share one cache — so calls land exactly at an entry's expiry, before and after it.
 */
const cacheAsideRuns = {
  make: ([ttlMs, rows]: [number, Record<string, string>]) => `createCacheAside(db /* holds ${show(rows)} */, cache /* empty */, ${ttlMs})`,
  makeArgs: fc.tuple(
    fc.oneof(fc.constantFrom(0, 1), fc.nat(20), fc.constant(2 ** 40)),
    fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 }),
  ),
  instances: 2,
  // fast-check draws runs of up to ten calls at its default size; many runs make up for it.
  maxCalls: 10,
  call: fc.oneof(
    { arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.nat(30)).map(([key, now]) => ({ method: 'read', args: [key, now] })), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.nat(30)).map(([key, value, now]) => ({ method: 'write', args: [key, value, now] })), weight: 1 },
  ),
  judge: judgeObserved,
  seed: 1621,
  runs: 80,
};

export default defineTests<Learner>((learner) => {
  test('a miss reads the database once and fills the cache; the next read is a hit', () => {
    const { db, cache, app } = setup(learner, { 'user:1': 'Ada' });
    expect(app.read('user:1', 100), 'read user:1 at t=100ms (a miss: the cache is empty)').toBe('Ada');
    expect(db.reads(), 'database reads after the first read of user:1').toBe(1);
    expect(cache.entry('user:1'), `the cache entry for user:1 after a miss at t=100ms with a ${TTL_MS} ms TTL`).toEqual({ value: 'Ada', expiresAt: 100 + TTL_MS });
    expect(app.read('user:1', 200), 'read user:1 again at t=200ms').toBe('Ada');
    expect(db.reads(), 'database reads after reading user:1 twice, 100 ms apart (the second must be a hit)').toBe(1);
    expect(app.read('user:2', 300), 'read user:2, which the database does not have').toBe(null);
    expect(app.read('user:2', 400), 'read user:2 again').toBe(null);
    expect(db.reads(), 'database reads after two reads of the missing user:2 (a missing row is cached too, as null)').toBe(2);
  });

  test('a write updates the database and removes the cached entry', () => {
    const { db, cache, app } = setup(learner, { 'user:1': 'Ada' });
    app.read('user:1', 100);
    app.write('user:1', 'Grace', 150);
    expect(db.peek('user:1'), 'the database value of user:1 after writing "Grace"').toBe('Grace');
    expect(cache.has('user:1'), 'is there still a cache entry for user:1 right after the write? (cache-aside drops it)').toBe(false);
    expect(app.read('user:1', 160), 'read user:1 at t=160ms, after writing "Grace" at t=150ms').toBe('Grace');
    expect(db.reads(), 'database reads: the read at 100 ms and the one after the write').toBe(2);
  });

  test('entries expire exactly when the TTL lapses', () => {
    const { db, app } = setup(learner, { 'user:1': 'Ada' }, 50);
    app.read('user:1', 100);
    app.read('user:1', 149);
    expect(db.reads(), 'database reads: a miss at t=100ms, then a read at t=149ms with a 50 ms TTL (the entry serves until t=150ms, exclusive)').toBe(1);
    app.read('user:1', 150);
    expect(db.reads(), 'database reads after a read at t=150ms: the entry filled at t=100ms with a 50 ms TTL has lapsed at exactly t=150ms').toBe(2);
    app.read('user:1', 199);
    expect(db.reads(), 'database reads after a read at t=199ms: the entry refilled at t=150ms serves until t=200ms').toBe(2);
  });

  test('agrees with the reference on generated reads and writes', () => {
    checkObjectsAgainstReference({ ...cacheAsideRuns, learner: observed(learner.createCacheAside), reference: observed(Reference.createCacheAside) });
  });

  test('no read returns an old value after a write (seeded workloads)', () => {
    for (const seed of SEEDS) {
      const { db, app } = setup(learner);
      const ops = skewedWorkload(seed);
      const recent: string[] = [];
      // The truth is what the workload wrote, kept here: the database is only where the learner's code put it.
      const written = new Map<string, string>();
      let cachedAfterWrite = 0;
      for (const op of ops) {
        recent.push(describeOp(op));
        if (recent.length > 6) recent.shift();
        if (op.kind === 'write') {
          app.write(op.key, op.value!, op.at);
          written.set(op.key, op.value!);
          if (db.peek(op.key) !== op.value) {
            throw new PropertyViolation({
              property: `At t=${op.at}ms ${op.client} wrote ${op.key} = ${JSON.stringify(op.value)}, but afterwards the database holds ${JSON.stringify(db.peek(op.key))}: a write must reach the database.`,
              seed,
              trace: recent,
            });
          }
          continue;
        }
        const readsBefore = db.reads();
        const got = app.read(op.key, op.at);
        const truth = written.get(op.key) ?? null;
        if (got !== truth) {
          throw new PropertyViolation({
            property: `At t=${op.at}ms ${op.client} read ${op.key} and got ${JSON.stringify(got)}, but the last value written was ${JSON.stringify(truth)} — a stale read. The last operations were these.`,
            seed,
            trace: recent,
          });
        }
        if (db.reads() === readsBefore && written.has(op.key)) cachedAfterWrite += 1;
      }
      if (cachedAfterWrite === 0) {
        throw new PropertyViolation({
          property: `Your code answered no read of a key that had been written from the cache (every such read went to the database), so this test cannot judge whether cached values go stale: cache what a miss reads.`,
          seed,
          trace: [],
        });
      }
    }
  });

  test('on a skewed workload, the database sees exactly one read per miss', () => {
    for (const seed of SEEDS) {
      const { db, app } = setup(learner);
      const ops = skewedWorkload(seed);
      for (const op of ops) {
        if (op.kind === 'write') app.write(op.key, op.value!, op.at);
        else app.read(op.key, op.at);
      }
      const expected = referenceHits(ops, TTL_MS);
      const reads = expected.hits + expected.misses;
      const ratio = (misses: number) => `${((100 * (reads - misses)) / reads).toFixed(1)}%`;
      expect(
        db.reads(),
        `seed ${seed}: ${ops.length} operations (${reads} reads of 50 keys, a few of them hot; 10% writes; ${TTL_MS} ms TTL). Cache-aside misses ${expected.misses} reads (hit ratio ${ratio(expected.misses)}); your code read the database ${db.reads()} times (hit ratio ${ratio(db.reads())})`,
      ).toBe(expected.misses);
    }
  });
});
