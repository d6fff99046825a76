// Wrong on purpose: after a write, sends the client's reads to the primary for silenceMs, then to any live replica, trusting the lag to be shorter than that.
/** Decides where each read goes, from what a router can observe. Times are virtual ms. */
export class ReadRouter {
  private readonly replicas: string[];
  private readonly silenceMs: number;
  /** When each client last wrote (the latest time the router has seen). */
  private readonly wroteAt = new Map<string, number>();
  private latestNow = 0;
  /** The highest position each replica has reported, and when the router last heard from it. */
  private readonly reports = new Map<string, { position: number; heardAt: number }>();
  /** Index of the replica picked last (-1: none yet), so replicas take turns. */
  private last = -1;

  constructor(replicas: string[], silenceMs: number) {
    this.replicas = replicas;
    this.silenceMs = silenceMs;
  }

  writeAcknowledged(client: string, position: number): void {
    this.wroteAt.set(client, this.latestNow);
  }

  replicaReport(replica: string, position: number, now: number): void {
    // A replica never goes back, so a late report with a lower position says nothing new about it.
    this.latestNow = now;
    const known = this.reports.get(replica)?.position ?? 0;
    this.reports.set(replica, { position: Math.max(known, position), heardAt: now });
  }

  route(client: string, now: number): string {
    this.latestNow = now;
    const wroteAt = this.wroteAt.get(client);
    if (wroteAt !== undefined && now - wroteAt < this.silenceMs) return 'primary';
    for (let step = 1; step <= this.replicas.length; step++) {
      const index = (this.last + step) % this.replicas.length;
      const report = this.reports.get(this.replicas[index]!);
      // Silent for silenceMs: maybe crashed, and a read sent there may never be answered.
      if (report === undefined || now - report.heardAt >= this.silenceMs) continue;
      this.last = index;
      return this.replicas[index]!;
    }
    return 'primary';
  }
}
