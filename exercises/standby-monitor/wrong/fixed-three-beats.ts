// Today's fixed rule: take over after three missed beats (300 ms of silence at 100 ms). It learns nothing, so
// it takes the pausing network's GC pauses for crashes, and is too slow for the calm network's deadline anyway.
export class StandbyMonitor {
  private readonly timeoutMs: number;
  private lastHeardMs: number;

  constructor(intervalMs: number, now: number) {
    this.timeoutMs = 3 * intervalMs;
    this.lastHeardMs = now;
  }

  heartbeat(now: number): void {
    this.lastHeardMs = now;
  }

  shouldTakeOver(now: number): boolean {
    return now - this.lastHeardMs > this.timeoutMs;
  }
}
