// Learns from the last gap alone: after a pause its timeout is long, but the heartbeat sent at once on waking
// and the next regular one bring it back to two intervals, and the next pause is taken for a crash.
export class StandbyMonitor {
  private readonly intervalMs: number;
  private lastHeardMs: number;
  private lastGapMs: number | null = null;
  private heard = 0;

  constructor(intervalMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastHeardMs = now;
  }

  heartbeat(now: number): void {
    this.lastGapMs = now - this.lastHeardMs;
    this.lastHeardMs = now;
    this.heard += 1;
  }

  shouldTakeOver(now: number): boolean {
    const timeoutMs = this.heard < 30 || this.lastGapMs === null ? 10 * this.intervalMs : Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, 1.5 * this.lastGapMs));
    return now - this.lastHeardMs > timeoutMs;
  }
}
