/** Decides where each read goes, from what a router can observe. Times are virtual ms. */
export class ReadRouter {
  private readonly replicas: string[];
  private readonly silenceMs: number;
  private next = 0;

  constructor(replicas: string[], silenceMs: number) {
    this.replicas = replicas;
    this.silenceMs = silenceMs;
  }

  /** The primary acknowledged a write by `client`, at log position `position`. */
  writeAcknowledged(client: string, position: number): void {}

  /** `replica` told the router, at `now`, the last log position it has applied. */
  replicaReport(replica: string, position: number, now: number): void {}

  /** Where `client`'s read goes: "primary" or a replica id. */
  route(client: string, now: number): string {
    // Spreading reads over the replicas is a start. But will a client always find its own writes there?
    const replica = this.replicas[this.next % this.replicas.length]!;
    this.next += 1;
    return replica;
  }
}
