// Wrong on purpose: keeps the values in one map at module level, so every store reads the values written to any store.
const values = new Map<string, string>();

/** A key-value store that only the newest active node may write to. */
export class FencedStore {
  /** The highest epoch any write has shown us: every older one belongs to a deposed active. */
  private newestEpoch = 0;

  /** Stores `value` under `key` if `epoch` is not older than any epoch seen; true when stored. */
  write(epoch: number, key: string, value: string): boolean {
    if (epoch < this.newestEpoch) return false;
    this.newestEpoch = epoch;
    values.set(key, value);
    return true;
  }

  /** The value stored under `key`, or undefined. */
  read(key: string): string | undefined {
    return values.get(key);
  }
}
