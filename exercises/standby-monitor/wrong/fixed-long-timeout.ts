// A fixed timeout long enough for the pauses (700 ms): never a false fail-over, but on the calm network, where
// no gap is longer than about 115 ms, a crash waits 700 ms to be noticed, far past the 300 ms deadline.
export class StandbyMonitor {
  private readonly timeoutMs: number;
  private lastHeardMs: number;

  constructor(intervalMs: number, now: number) {
    this.timeoutMs = 7 * intervalMs;
    this.lastHeardMs = now;
  }

  heartbeat(now: number): void {
    this.lastHeardMs = now;
  }

  shouldTakeOver(now: number): boolean {
    return now - this.lastHeardMs > this.timeoutMs;
  }
}
