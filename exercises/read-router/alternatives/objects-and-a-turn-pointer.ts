// Plain objects for needs and reports, a pointer to where the next search starts, and a filter-free while loop, instead of Maps and the index of the last pick.
export class ReadRouter {
  private readonly needs: Record<string, number> = Object.create(null);
  private readonly highest: Record<string, number> = Object.create(null);
  private readonly lastHeard: Record<string, number> = Object.create(null);
  /** Where the next search starts. */
  private start = 0;

  private readonly replicas: string[];
  private readonly silenceMs: number;

  constructor(replicas: string[], silenceMs: number) {
    this.replicas = replicas;
    this.silenceMs = silenceMs;
  }

  writeAcknowledged(client: string, position: number): void {
    if (!(client in this.needs) || position > this.needs[client]!) this.needs[client] = position;
  }

  replicaReport(replica: string, position: number, now: number): void {
    this.lastHeard[replica] = now;
    if (!(replica in this.highest) || position > this.highest[replica]!) this.highest[replica] = position;
  }

  private qualifies(replica: string, need: number, now: number): boolean {
    if (!(replica in this.lastHeard)) return false;
    return this.lastHeard[replica]! + this.silenceMs > now && this.highest[replica]! >= need;
  }

  route(client: string, now: number): string {
    const need = this.needs[client] ?? 0;
    const n = this.replicas.length;
    let looked = 0;
    while (looked < n) {
      const index = (this.start + looked) % n;
      const replica = this.replicas[index]!;
      if (this.qualifies(replica, need, now)) {
        this.start = (index + 1) % n;
        return replica;
      }
      looked++;
    }
    return 'primary';
  }
}
