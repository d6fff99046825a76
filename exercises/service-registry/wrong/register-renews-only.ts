// Wrong on purpose: treats a registration of an instance that is still listed as a heartbeat, so it keeps the old address.
/** One running copy of a service, and where to reach it. */
export interface Instance {
  id: string;
  address: string;
}

interface Lease {
  instance: Instance;
  expiresAt: number;
}

/** The catalog of which instances of each service are alive, kept fresh by heartbeats. */
export class ServiceRegistry {
  private readonly ttlMs: number;
  private readonly services = new Map<string, Map<string, Lease>>();

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  register(service: string, instance: Instance, now: number): void {
    if (this.heartbeat(service, instance.id, now)) return;
    const leases = this.services.get(service) ?? new Map<string, Lease>();
    leases.set(instance.id, { instance: { id: instance.id, address: instance.address }, expiresAt: now + this.ttlMs });
    this.services.set(service, leases);
  }

  heartbeat(service: string, id: string, now: number): boolean {
    const lease = this.services.get(service)?.get(id);
    // An expired lease stays expired: the instance must register again, with its current address.
    if (lease === undefined || now >= lease.expiresAt) return false;
    lease.expiresAt = now + this.ttlMs;
    return true;
  }

  deregister(service: string, id: string): void {
    this.services.get(service)?.delete(id);
  }

  lookup(service: string, now: number): Instance[] {
    const leases = [...(this.services.get(service)?.values() ?? [])];
    return leases
      .filter((lease) => now < lease.expiresAt)
      .map((lease) => ({ ...lease.instance }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
