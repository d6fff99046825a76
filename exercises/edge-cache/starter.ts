/** What the edge does with one request: serve its copy, fetch from the origin, or wait for a fetch already out. */
export type Lookup = { kind: 'hit'; body: string } | { kind: 'fetch' } | { kind: 'wait' };

/**
 * The cache of one CDN edge server. A copy is fresh for `ttlMs` after it arrived from the origin; while a
 * fetch for a file is on its way, further misses for that file wait for it. Time arrives as `now` (virtual ms).
 */
export class EdgeCache {
  constructor(ttlMs: number) {}

  /** Called for every user request for `key`, at time `now`. */
  lookup(key: string, now: number): Lookup {
    return { kind: 'fetch' };
  }

  /** Called when the origin's answer for `key` arrives, at time `now`. */
  fill(key: string, body: string, now: number): void {}
}
