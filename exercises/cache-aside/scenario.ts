/**
 * Cache-aside, for the databases lesson: a seeded, skewed workload of reads and writes from a few
 * clients, a database that counts its reads, a plain cache, and the reference cache-aside policy the
 * hidden tests compare a learner's against. Synchronous on purpose: the exercise is about what the
 * application does on a hit, a miss and a write, so every call happens at a stated virtual time.
 */
import { Rng } from '../../src/sim/index.ts';

export interface CacheOp {
  /** Virtual ms. */
  readonly at: number;
  readonly client: string;
  readonly kind: 'read' | 'write';
  readonly key: string;
  /** What a write writes (every write a different value). */
  readonly value?: string;
}

export interface WorkloadShape {
  readonly operations: number;
  readonly keys: number;
  /** Fraction of operations that are writes. */
  readonly writeShare: number;
  readonly clients: number;
  /** Virtual ms between consecutive operations (all clients together). */
  readonly stepMs: number;
}

export const SKEWED_WORKLOAD: WorkloadShape = { operations: 2000, keys: 50, writeShare: 0.1, clients: 3, stepMs: 7 };

/**
 * Operations one after another; keys are skewed towards low numbers (the square of a uniform draw), so a
 * few keys are hot — the pattern that makes a cache pay off.
 */
export function skewedWorkload(seed: number, shape: WorkloadShape = SKEWED_WORKLOAD): CacheOp[] {
  const rng = Rng.fromSeed(seed).fork('cache-workload');
  return Array.from({ length: shape.operations }, (_, i) => {
    const client = `c${rng.int(1, shape.clients)}`;
    const key = `item:${Math.floor(shape.keys * rng.next() ** 2)}`;
    const at = (i + 1) * shape.stepMs;
    return rng.chance(shape.writeShare) ? { at, client, kind: 'write', key, value: `${key}@${at}` } : { at, client, kind: 'read', key };
  });
}

/** What a cache holds for a key: the value (null: the database has no such key) and when it stops serving. */
export interface CacheEntry {
  readonly value: string | null;
  readonly expiresAt: number;
}

/** The database as the code under test sees it: reads and writes, nothing else. */
export interface DatabaseFacade {
  get(key: string): string | null;
  put(key: string, value: string): void;
}

/**
 * A database that counts its reads, in two parts: `facade`, the only part handed to the code under test
 * (frozen functions closing over the rows), and the rest, which only the test holds. Nothing the code under
 * test does to the object it is given can change the counts or the rows the test reads.
 */
export interface CountingDatabase {
  readonly facade: DatabaseFacade;
  /** How many `get` calls reached the database. */
  reads(): number;
  writes(): number;
  /** The current value, without counting a read (for checks). */
  peek(key: string): string | null;
}

export function countingDatabase(initial: Readonly<Record<string, string>> = {}): CountingDatabase {
  const rows = new Map(Object.entries(initial));
  let reads = 0;
  let writes = 0;
  const facade: DatabaseFacade = Object.freeze({
    get(key: string) {
      reads += 1;
      return rows.get(String(key)) ?? null;
    },
    put(key: string, value: string) {
      writes += 1;
      rows.set(String(key), String(value));
    },
  });
  return Object.freeze({ facade, reads: () => reads, writes: () => writes, peek: (key: string) => rows.get(key) ?? null });
}

/** The cache as the code under test sees it. */
export interface CacheFacade {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  delete(key: string): void;
}

/**
 * A plain cache in two parts, like {@link countingDatabase}: `facade` for the code under test, `entry` and
 * `has` for the test. Entries go in and come out as copies, so no caller shares an entry with the store.
 */
export interface PlainCache {
  readonly facade: CacheFacade;
  entry(key: string): CacheEntry | undefined;
  has(key: string): boolean;
}

export function plainCache(): PlainCache {
  const entries = new Map<string, CacheEntry>();
  const copy = (entry: CacheEntry | undefined): CacheEntry | undefined => (entry === undefined ? undefined : { value: entry.value, expiresAt: entry.expiresAt });
  const facade: CacheFacade = Object.freeze({
    get: (key: string) => copy(entries.get(String(key))),
    set: (key: string, entry: CacheEntry) => void entries.set(String(key), { value: entry.value, expiresAt: entry.expiresAt }),
    delete: (key: string) => void entries.delete(String(key)),
  });
  return Object.freeze({ facade, entry: (key: string) => copy(entries.get(key)), has: (key: string) => entries.has(key) });
}

/** How many reads the reference cache-aside serves from the cache and how many go to the database. */
export function referenceHits(ops: readonly CacheOp[], ttlMs: number): { hits: number; misses: number } {
  const expiresAt = new Map<string, number>();
  let hits = 0;
  let misses = 0;
  for (const op of ops) {
    if (op.kind === 'write') {
      expiresAt.delete(op.key);
      continue;
    }
    const until = expiresAt.get(op.key);
    if (until !== undefined && op.at < until) {
      hits += 1;
    } else {
      misses += 1;
      expiresAt.set(op.key, op.at + ttlMs);
    }
  }
  return { hits, misses };
}
