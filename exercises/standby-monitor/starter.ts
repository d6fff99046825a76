/**
 * Watches the active node's heartbeats and decides when the standby must take over, with a timeout learnt from
 * the gaps between the heartbeats it has heard. Times in virtual ms.
 */
export class StandbyMonitor {
  private lastHeardMs: number;
  private readonly timeoutMs: number;

  /** Heartbeats are expected every `intervalMs`; `now` is when watching starts, and counts as a heartbeat. */
  constructor(intervalMs: number, now: number) {
    this.lastHeardMs = now;
    // The rule of a fixed threshold: three missed beats. Which network is it right for?
    this.timeoutMs = 3 * intervalMs;
  }

  /** A heartbeat arrived at `now`. What could the gap since the last one teach the monitor? */
  heartbeat(now: number): void {
    this.lastHeardMs = now;
  }

  /** Whether the standby should take over at `now`. */
  shouldTakeOver(now: number): boolean {
    return now - this.lastHeardMs > this.timeoutMs;
  }
}
