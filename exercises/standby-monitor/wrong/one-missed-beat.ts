// Wrong on purpose: takes over as soon as one heartbeat is late, ignoring how many beats may be missed.
/** Watches the active node's heartbeats and decides when the standby must take over. Times in virtual ms. */
export class StandbyMonitor {
  private readonly intervalMs: number;
  private lastHeardMs: number;

  /**
   * The active sends a heartbeat every `intervalMs`; take over after `missed` beats in a row went missing.
   * `now` is when the standby starts watching: it counts as a heartbeat.
   */
  constructor(intervalMs: number, missed: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastHeardMs = now;
  }

  /** A heartbeat arrived at `now`. */
  heartbeat(now: number): void {
    this.lastHeardMs = now;
  }

  /** Whether the standby should take over at `now`. */
  shouldTakeOver(now: number): boolean {
    return now - this.lastHeardMs > this.intervalMs;
  }
}
