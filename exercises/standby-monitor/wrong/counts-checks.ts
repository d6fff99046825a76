// Wrong on purpose: counts how often it was asked since the last heartbeat, as if every question were one missed beat.
/** Watches the active node's heartbeats and decides when the standby must take over. Times in virtual ms. */
export class StandbyMonitor {
  private readonly missed: number;
  private checksWithoutHeartbeat = 0;

  /**
   * The active sends a heartbeat every `intervalMs`; take over after `missed` beats in a row went missing.
   * `now` is when the standby starts watching: it counts as a heartbeat.
   */
  constructor(intervalMs: number, missed: number, now: number) {
    this.missed = missed;
  }

  /** A heartbeat arrived at `now`. */
  heartbeat(now: number): void {
    this.checksWithoutHeartbeat = 0;
  }

  /** Whether the standby should take over at `now`. */
  shouldTakeOver(now: number): boolean {
    this.checksWithoutHeartbeat += 1;
    return this.checksWithoutHeartbeat > this.missed;
  }
}
