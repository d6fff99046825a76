// Wrong on purpose: coalesces misses only for a file it has never had, so once a copy expires every request fetches it again.
export type Lookup = { kind: 'hit'; body: string } | { kind: 'fetch' } | { kind: 'wait' };

export class EdgeCache {
  private readonly ttlMs: number;
  /** The copy of each file and when it arrived from the origin. */
  private readonly copies = new Map<string, { body: string; storedAt: number }>();
  /** Files with a fetch on its way to the origin. */
  private readonly fetching = new Set<string>();

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  lookup(key: string, now: number): Lookup {
    const copy = this.copies.get(key);
    // Fresh for ttlMs after it arrived — reading it does not make it any younger.
    if (copy !== undefined && now - copy.storedAt < this.ttlMs) return { kind: 'hit', body: copy.body };
    // One fetch per file is enough: everyone else waits for it.
    if (copy === undefined && this.fetching.has(key)) return { kind: 'wait' };
    this.fetching.add(key);
    return { kind: 'fetch' };
  }

  fill(key: string, body: string, now: number): void {
    this.copies.set(key, { body, storedAt: now });
    this.fetching.delete(key);
  }
}
