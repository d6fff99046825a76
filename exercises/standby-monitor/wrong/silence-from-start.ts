// Wrong on purpose: measures the silence from when watching started, so later heartbeats never reset it.
/** Watches the active node's heartbeats and decides when the standby must take over. Times in virtual ms. */
export class StandbyMonitor {
  private readonly toleranceMs: number;
  private lastHeardMs: number;

  /**
   * The active sends a heartbeat every `intervalMs`; take over after `missed` beats in a row went missing.
   * `now` is when the standby starts watching: it counts as a heartbeat.
   */
  constructor(intervalMs: number, missed: number, now: number) {
    this.toleranceMs = intervalMs * missed;
    this.lastHeardMs = now;
  }

  /** A heartbeat arrived at `now`. */
  heartbeat(now: number): void {
    this.lastHeardMs = Math.min(this.lastHeardMs, now);
  }

  /** Whether the standby should take over at `now`. */
  shouldTakeOver(now: number): boolean {
    return now - this.lastHeardMs > this.toleranceMs;
  }
}
