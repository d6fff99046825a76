// Wrong on purpose: once a copy has expired and the origin has moved on, it stops fetching and serves the
// old copy under the name of the origin's current version (new versions come every 700 ms, by the prompt):
// the users get old content, and the name says it is fresh.
export type Lookup = { kind: 'hit'; body: string } | { kind: 'fetch' } | { kind: 'wait' };

const PUBLISH_EVERY_MS = 700;

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
    if (copy !== undefined && now - copy.storedAt < this.ttlMs) return { kind: 'hit', body: copy.body };
    if (copy !== undefined) {
      const current = Math.floor(now / PUBLISH_EVERY_MS);
      const at = copy.body.lastIndexOf('@v');
      if (at >= 0 && Number(copy.body.slice(at + 2)) < current) return { kind: 'hit', body: `${copy.body.slice(0, at)}@v${current}` };
    }
    if (this.fetching.has(key)) return { kind: 'wait' };
    this.fetching.add(key);
    return { kind: 'fetch' };
  }

  fill(key: string, body: string, now: number): void {
    this.copies.set(key, { body, storedAt: now });
    this.fetching.delete(key);
  }
}
