// Wrong on purpose: once it has said take over, it says so for good, although a heartbeat that arrives later starts the silence again.
/** Watches the active node's heartbeats and decides when the standby must take over. Times in virtual ms. */
export class StandbyMonitor {
  private readonly toleranceMs: number;
  private lastHeardMs: number;
  private tookOver = false;

  /**
   * The active sends a heartbeat every `intervalMs`; take over after `missed` beats in a row went missing.
   * `now` is when the standby starts watching: it counts as a heartbeat.
   */
  constructor(intervalMs: number, missed: number, now: number) {
    // Tolerate a whole number of missed beats: one late heartbeat must not trigger a fail-over.
    this.toleranceMs = intervalMs * missed;
    this.lastHeardMs = now;
  }

  /** A heartbeat arrived at `now`. */
  heartbeat(now: number): void {
    this.lastHeardMs = now;
  }

  /** Whether the standby should take over at `now`: the silence has lasted longer than the tolerance. */
  shouldTakeOver(now: number): boolean {
    // The standby has claimed the address: there is no going back.
    if (now - this.lastHeardMs > this.toleranceMs) this.tookOver = true;
    return this.tookOver;
  }
}
