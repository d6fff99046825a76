/** What the cache hands a reader that missed, to show with its fill: a number or a string, as the cache chooses. */
export type Token = number | string;

/** What `get` answers: the cached value, or a miss with the token the reader must hand back to `fill`. */
export type Lookup = { hit: true; value: string } | { hit: false; token: Token };

/** The cache node of cache-aside: readers fill it after a miss, writers delete from it after a write. */
export class LeaseCache {
  private readonly values = new Map<string, string>();

  get(key: string): Lookup {
    const value = this.values.get(key);
    if (value !== undefined) return { hit: true, value };
    return { hit: false, token: 0 };
  }

  fill(key: string, value: string, token: Token): boolean {
    // The reader read the database a while ago. Has anything happened to this key since?
    this.values.set(key, value);
    return true;
  }

  delete(key: string): void {
    this.values.delete(key);
  }
}
