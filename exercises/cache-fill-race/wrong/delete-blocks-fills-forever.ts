// Refuses every fill of a key once it has been deleted: no stale value gets in, but neither does any fresh one,
// so every read of a key that was ever written goes to the database.
/** What the cache hands a reader that missed, to show with its fill: a number or a string, as the cache chooses. */
export type Token = number | string;

/** What `get` answers: the cached value, or a miss with the token the reader must hand back to `fill`. */
export type Lookup = { hit: true; value: string } | { hit: false; token: Token };

/**
 * A cache that hands out a lease on every miss. A delete revokes every lease of its key, so a fill from a
 * read that began before the delete — which may carry the value the write replaced — is refused.
 */
export class LeaseCache {
  private readonly values = new Map<string, string>();
  /** For each key, the tokens handed out since its last delete. */
  private readonly leases = new Map<string, Set<Token>>();
  private issued = 0;
  private readonly deleted = new Set<string>();

  get(key: string): Lookup {
    const value = this.values.get(key);
    if (value !== undefined) return { hit: true, value };
    this.issued += 1;
    const tokens = this.leases.get(key) ?? new Set<Token>();
    tokens.add(this.issued);
    this.leases.set(key, tokens);
    return { hit: false, token: this.issued };
  }

  fill(key: string, value: string, token: Token): boolean {
    if (this.deleted.has(key) || this.values.has(key) || !(this.leases.get(key)?.has(token) ?? false)) return false;
    this.values.set(key, value);
    return true;
  }

  delete(key: string): void {
    this.values.delete(key);
    // Revoke the leases too: a read that missed before this delete may have read the old row.
    this.leases.set(key, new Set<Token>());
    this.deleted.add(key);
  }
}
