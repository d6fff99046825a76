// Wrong on purpose: keeps evictions in one set for the whole module, so one client's failed call evicts that address for every client.
/** Evicted addresses, shared by every client. */
const evicted = new Set<string>();

export class DiscoveryClient {
  private readonly refreshMs: number;
  private addresses: string[] = [];
  private refreshedAt: number | null = null;
  private cursor = 0;

  constructor(options: { refreshMs: number }) {
    this.refreshMs = options.refreshMs;
  }

  needsRefresh(now: number): boolean {
    return this.refreshedAt === null || now >= this.refreshedAt + this.refreshMs;
  }

  update(addresses: readonly string[], now: number): void {
    this.addresses = [...addresses];
    this.refreshedAt = now;
    this.cursor = 0;
    // The registry's fresh answer overrides what this client concluded on its own.
    evicted.clear();
  }

  pick(now: number): string | null {
    for (let step = 0; step < this.addresses.length; step++) {
      const index = (this.cursor + step) % this.addresses.length;
      if (evicted.has(this.addresses[index]!)) continue;
      this.cursor = index + 1;
      return this.addresses[index]!;
    }
    return null;
  }

  reportError(address: string, now: number): void {
    evicted.add(address);
  }
}
