// A class instead of an object of closures, with the freshness test in its own method and the miss path written as a guard.
export interface Database {
  get(key: string): string | null;
  put(key: string, value: string): void;
}

export interface CacheEntry {
  value: string | null;
  expiresAt: number;
}

export interface Cache {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry): void;
  delete(key: string): void;
}

class CacheAside {
  private readonly db: Database;
  private readonly cache: Cache;
  private readonly ttlMs: number;

  constructor(db: Database, cache: Cache, ttlMs: number) {
    this.db = db;
    this.cache = cache;
    this.ttlMs = ttlMs;
  }

  private fresh(entry: CacheEntry | undefined, now: number): entry is CacheEntry {
    return entry !== undefined && entry.expiresAt > now;
  }

  read(key: string, now: number): string | null {
    const cached = this.cache.get(key);
    if (this.fresh(cached, now)) return cached.value;
    const loaded = this.db.get(key);
    this.cache.set(key, { value: loaded, expiresAt: now + this.ttlMs });
    return loaded;
  }

  write(key: string, value: string, _now: number): void {
    this.db.put(key, value);
    this.cache.delete(key);
  }
}

export function createCacheAside(db: Database, cache: Cache, ttlMs: number) {
  const aside = new CacheAside(db, cache, ttlMs);
  return {
    read: (key: string, now: number) => aside.read(key, now),
    write: (key: string, value: string, now: number) => aside.write(key, value, now),
  };
}
