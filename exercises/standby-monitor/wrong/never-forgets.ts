// Remembers the longest gap it has ever heard, not the longest recent one: safe through every pause, but on the
// settling network it still waits out a pause seconds after the last one, and notices the crash too late.
export class StandbyMonitor {
  private readonly intervalMs: number;
  private lastHeardMs: number;
  private longestGapMs = 0;
  private heard = 0;

  constructor(intervalMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastHeardMs = now;
  }

  heartbeat(now: number): void {
    this.longestGapMs = Math.max(this.longestGapMs, now - this.lastHeardMs);
    this.lastHeardMs = now;
    this.heard += 1;
  }

  shouldTakeOver(now: number): boolean {
    const timeoutMs = this.heard < 30 ? 10 * this.intervalMs : Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, 1.5 * this.longestGapMs));
    return now - this.lastHeardMs > timeoutMs;
  }
}
