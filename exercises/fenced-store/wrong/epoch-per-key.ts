// Wrong on purpose: keeps the newest epoch per key, so the old active can still write keys the new one has not touched yet.
/** A key-value store that only the newest active node may write to. */
export class FencedStore {
  private readonly values = new Map<string, string>();
  private readonly newestEpoch = new Map<string, number>();

  /** Stores `value` under `key` if `epoch` is not older than any epoch seen; true when stored. */
  write(epoch: number, key: string, value: string): boolean {
    if (epoch < (this.newestEpoch.get(key) ?? 0)) return false;
    this.newestEpoch.set(key, epoch);
    this.values.set(key, value);
    return true;
  }

  /** The value stored under `key`, or undefined. */
  read(key: string): string | undefined {
    return this.values.get(key);
  }
}
