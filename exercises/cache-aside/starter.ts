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
    /** The value for `key`: from the cache when it holds a live entry, otherwise from the database. */
    read(key: string, now: number): string | null {
      return db.get(key);
    },
    /** Stores `value` for `key`. */
    write(key: string, value: string, now: number): void {
      throw new Error('write is not written yet');
    },
  };
}
