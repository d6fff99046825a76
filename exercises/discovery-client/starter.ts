/** Asks the registry now and then, and spreads calls over the instances it named. */
export class DiscoveryClient {
  private readonly refreshMs: number;
  private addresses: string[] = [];

  constructor(options: { refreshMs: number }) {
    this.refreshMs = options.refreshMs;
  }

  /** True when the cached list is missing or at least refreshMs old. */
  needsRefresh(now: number): boolean {
    return this.addresses.length === 0;
  }

  /** The registry's answer: the addresses to use from now on. */
  update(addresses: readonly string[], now: number): void {
    this.addresses = [...addresses];
  }

  /** The address for the next call, or null when there is none. */
  pick(now: number): string | null {
    return this.addresses[0] ?? null;
  }

  /** A call to `address` failed (error or timeout). */
  reportError(address: string, now: number): void {
    throw new Error('reportError is not written yet');
  }
}
