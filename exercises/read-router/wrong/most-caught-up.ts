// Wrong on purpose: always picks the qualifying replica with the highest position, so one replica takes nearly every read.
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
    // A replica never goes back, so a late report with a lower position says nothing new about it.
    const known = this.reports.get(replica)?.position ?? 0;
    this.reports.set(replica, { position: Math.max(known, position), heardAt: now });
  }

  route(client: string, now: number): string {
    const need = this.needs.get(client) ?? 0;
    let best: string | null = null;
    let bestPosition = -1;
    for (const replica of this.replicas) {
      const report = this.reports.get(replica);
      if (report === undefined || now - report.heardAt >= this.silenceMs) continue;
      if (report.position < need) continue;
      if (report.position > bestPosition) {
        best = replica;
        bestPosition = report.position;
      }
    }
    return best ?? 'primary';
  }
}
