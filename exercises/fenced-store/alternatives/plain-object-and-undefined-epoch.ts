// Stores values in a plain object and starts with no epoch at all (undefined), instead of a Map and a 0 sentinel.
export class FencedStore {
  private readonly data: Record<string, string> = Object.create(null);
  private highest: number | undefined;

  write(epoch: number, key: string, value: string): boolean {
    const stale = this.highest !== undefined && epoch < this.highest;
    if (stale) return false;
    this.highest = Math.max(this.highest ?? epoch, epoch);
    this.data[key] = value;
    return true;
  }

  read(key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.data, key) ? this.data[key] : undefined;
  }
}
