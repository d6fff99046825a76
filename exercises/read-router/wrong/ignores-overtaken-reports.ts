// Wrong on purpose: drops a report whose position is lower than one already known, so it forgets that it heard from the replica then.
/** Decides where each read goes, from what a router can observe. Times are virtual ms. */
export class ReadRouter {
  private readonly replicas: string[];
  private readonly silenceMs: number;
  /** Each client's latest acknowledged write: the log position its reads must reflect. */
  private readonly needs = new Map<string, number>();
  /** The highest position each replica has reported, and when the router last heard from it. */
  private readonly reports = new Map<string, { position: number; heardAt: number }>();
  /** Index of the replica picked last (-1: none yet), so replicas take turns. */
  private last = -1;

  constructor(replicas: string[], silenceMs: number) {
    this.replicas = replicas;
    this.silenceMs = silenceMs;
  }

  writeAcknowledged(client: string, position: number): void {
    this.needs.set(client, Math.max(this.needs.get(client) ?? 0, position));
  }

  replicaReport(replica: string, position: number, now: number): void {
    // A replica never goes back, so a late report with a lower position is out of date: skip it.
    const known = this.reports.get(replica);
    if (known !== undefined && position < known.position) return;
    this.reports.set(replica, { position, heardAt: now });
  }

  route(client: string, now: number): string {
    const need = this.needs.get(client) ?? 0;
    for (let step = 1; step <= this.replicas.length; step++) {
      const index = (this.last + step) % this.replicas.length;
      const report = this.reports.get(this.replicas[index]!);
      // Silent for silenceMs: maybe crashed, and a read sent there may never be answered.
      if (report === undefined || now - report.heardAt >= this.silenceMs) continue;
      // Only a replica that has applied the client's own latest write can show it to them.
      if (report.position < need) continue;
      this.last = index;
      return this.replicas[index]!;
    }
    return 'primary';
  }
}
