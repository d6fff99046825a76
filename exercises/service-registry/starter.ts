/** One running copy of a service, and where to reach it. */
export interface Instance {
  id: string;
  address: string;
}

/** The catalog of which instances of each service are alive, kept fresh by heartbeats. */
export class ServiceRegistry {
  private readonly ttlMs: number;
  // service name → instance id → the instance (and, you will need it, when its lease runs out)
  private readonly services = new Map<string, Map<string, Instance>>();

  constructor(ttlMs: number) {
    this.ttlMs = ttlMs;
  }

  /** Adds (or replaces) an instance; registering counts as a heartbeat. */
  register(service: string, instance: Instance, now: number): void {
    const instances = this.services.get(service) ?? new Map<string, Instance>();
    instances.set(instance.id, instance);
    this.services.set(service, instances);
  }

  /** Renews a live instance's lease; false when the instance is unknown or its lease has lapsed. */
  heartbeat(service: string, id: string, now: number): boolean {
    return this.services.get(service)?.has(id) ?? false;
  }

  /** Removes an instance at once (a clean shutdown). */
  deregister(service: string, id: string): void {
    throw new Error('deregister is not written yet');
  }

  /** The live instances of a service, sorted by id. */
  lookup(service: string, now: number): Instance[] {
    return [...(this.services.get(service)?.values() ?? [])];
  }
}
