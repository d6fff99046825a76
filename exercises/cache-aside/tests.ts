import { defineTests, test, expect, PropertyViolation } from '../../src/testkit/index.ts';
import { countingDatabase, plainCache, referenceHits, skewedWorkload, type CacheOp } from '../../src/testkit/scenarios/cache-workload.ts';
import type * as Solution from './solution.ts';

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
