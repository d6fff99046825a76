/** Watches the active node's heartbeats and decides when the standby must take over. Times in virtual ms. */
export class StandbyMonitor {
  /**
   * The active sends a heartbeat every `intervalMs`; take over after `missed` beats in a row went missing.
   * `now` is when the standby starts watching: it counts as a heartbeat.
   */
  constructor(intervalMs: number, missed: number, now: number) {
    // What do you need to remember to know how long the active has been silent?
  }

  /** A heartbeat arrived at `now`. */
  heartbeat(now: number): void {}

  /** Whether the standby should take over at `now`. */
  shouldTakeOver(now: number): boolean {
    return false;
  }
}
