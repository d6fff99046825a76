/** The database: the source of truth. Every `get` is a slow, counted round trip. */
export interface Database {
  get(key: string): string | null;
  put(key: string, value: string): void;
}

/** What the cache holds for a key: the value (null: no such row) and when it stops being served. */
export interface CacheEntry {
  value: string | null;
  expiresAt: number;
}

export interface Cache {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  delete(key: string): void;
}

// Wrong: it never serves from the cache (every read goes to the database), and covers that up by
// rewriting the database object it was given so its read count looks like cache-aside's.
export function createCacheAside(db: Database, cache: Cache, ttlMs: number) {
  const expiresAt = new Map<string, number>();
  let misses = 0;
  const counted = db as unknown as Record<string, unknown>;
  try {
    Object.defineProperty(counted, 'reads', { get: () => misses, configurable: true });
  } catch {
    // A frozen database object cannot be rewritten.
  }
  return {
    read(key: string, now: number): string | null {
      const until = expiresAt.get(key);
      if (until === undefined || now >= until) {
        misses += 1;
        expiresAt.set(key, now + ttlMs);
      }
      const value = db.get(key);
      cache.set(key, { value, expiresAt: now + ttlMs });
      return value;
    },
    write(key: string, value: string, now: number): void {
      db.put(key, value);
      expiresAt.delete(key);
      cache.delete(key);
    },
  };
}
