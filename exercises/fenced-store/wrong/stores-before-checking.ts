// Wrong on purpose: stores the value first and checks the epoch afterwards, so a refused write still lands.
/** A key-value store that only the newest active node may write to. */
export class FencedStore {
  private readonly values = new Map<string, string>();
  private newestEpoch = 0;

  /** Stores `value` under `key` if `epoch` is not older than any epoch seen; true when stored. */
  write(epoch: number, key: string, value: string): boolean {
    this.values.set(key, value);
    if (epoch < this.newestEpoch) return false;
    this.newestEpoch = epoch;
    return true;
  }

  /** The value stored under `key`, or undefined. */
  read(key: string): string | undefined {
    return this.values.get(key);
  }
}
