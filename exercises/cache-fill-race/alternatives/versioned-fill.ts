// A versioned fill: each key counts its deletes, a token is the key and its count at the miss, and a fill is taken only while the count is unchanged.
export type Lookup = { hit: true; value: string } | { hit: false; token: string };

export class LeaseCache {
  private readonly entries: Record<string, { value?: string; deletes: number }> = {};

  private entry(key: string) {
    if (!Object.hasOwn(this.entries, key)) this.entries[key] = { deletes: 0 };
    return this.entries[key]!;
  }

  get(key: string): Lookup {
    const entry = this.entry(key);
    if (entry.value !== undefined) return { hit: true, value: entry.value };
    return { hit: false, token: JSON.stringify([key, entry.deletes]) };
  }

  fill(key: string, value: string, token: string): boolean {
    const entry = this.entry(key);
    if (entry.value !== undefined || token !== JSON.stringify([key, entry.deletes])) return false;
    entry.value = value;
    return true;
  }

  delete(key: string): void {
    const entry = this.entry(key);
    entry.value = undefined;
    entry.deletes += 1;
  }
}
