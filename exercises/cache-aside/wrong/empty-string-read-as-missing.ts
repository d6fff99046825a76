// Wrong on purpose: reads a missing row with `db.get(key) || null`, which turns a stored empty string into null too.
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

export function createCacheAside(db: Database, cache: Cache, ttlMs: number) {
  return {
    read(key: string, now: number): string | null {
      const entry = cache.get(key);
      // An entry serves while now < expiresAt; at expiresAt it is as good as gone.
      if (entry !== undefined && now < entry.expiresAt) return entry.value;
      const value = db.get(key) || null;
      cache.set(key, { value, expiresAt: now + ttlMs });
      return value;
    },
    write(key: string, value: string, now: number): void {
      db.put(key, value);
      // Drop the entry rather than overwrite it: the next read loads whatever the database holds then.
      cache.delete(key);
    },
  };
}
