// Keeps eviction as a boolean per list position and walks with a while loop, instead of a Set of evicted addresses and a for loop.
export class DiscoveryClient {
  private readonly refreshMs: number;
  private list: { address: string; evicted: boolean }[] = [];
  private lastUpdate = -Infinity;
  private updated = false;
  private next = 0;

  constructor({ refreshMs }: { refreshMs: number }) {
    this.refreshMs = refreshMs;
  }

  needsRefresh(now: number): boolean {
    if (!this.updated) return true;
    return now - this.lastUpdate >= this.refreshMs;
  }

  update(addresses: readonly string[], now: number): void {
    this.list = addresses.map((address) => ({ address, evicted: false }));
    this.updated = true;
    this.lastUpdate = now;
    this.next = 0;
  }

  pick(now: number): string | null {
    let tries = 0;
    while (tries < this.list.length) {
      const at = (this.next + tries) % this.list.length;
      const entry = this.list[at]!;
      if (!entry.evicted) {
        this.next = (at + 1) % this.list.length;
        return entry.address;
      }
      tries++;
    }
    return null;
  }

  reportError(address: string, now: number): void {
    // The same address may be listed twice: evict every copy.
    for (const entry of this.list) if (entry.address === address) entry.evicted = true;
  }
}
