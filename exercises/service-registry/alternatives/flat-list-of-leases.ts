// One flat array of leases searched linearly (service and id on each record), with expiry stored as the last live millisecond, instead of a Map of Maps.
export interface Instance {
  id: string;
  address: string;
}

interface Lease {
  service: string;
  id: string;
  address: string;
  /** The last millisecond at which the lease is still live. */
  liveThrough: number;
}

export class ServiceRegistry {
  private leases: Lease[] = [];

  private readonly ttlMs: number;

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  private find(service: string, id: string): Lease | undefined {
    return this.leases.find((lease) => lease.service === service && lease.id === id);
  }

  register(service: string, { id, address }: Instance, now: number): void {
    this.deregister(service, id);
    this.leases.push({ service, id, address, liveThrough: now + this.ttlMs - 1 });
  }

  heartbeat(service: string, id: string, now: number): boolean {
    const lease = this.find(service, id);
    if (lease === undefined || now > lease.liveThrough) return false;
    lease.liveThrough = now + this.ttlMs - 1;
    return true;
  }

  deregister(service: string, id: string): void {
    this.leases = this.leases.filter((lease) => !(lease.service === service && lease.id === id));
  }

  lookup(service: string, now: number): Instance[] {
    const live: Instance[] = [];
    for (const lease of this.leases) {
      if (lease.service === service && now <= lease.liveThrough) live.push({ id: lease.id, address: lease.address });
    }
    return live.sort((a, b) => (a.id > b.id ? 1 : a.id < b.id ? -1 : 0));
  }
}
