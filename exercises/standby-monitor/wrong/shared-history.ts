// Keeps the gaps it learns from outside the class, emptied whenever a monitor is made: one monitor alone works,
// but two side by side learn from each other's heartbeats, and making the second wipes what the first had learnt.
const gaps: number[] = [];

export class StandbyMonitor {
  private readonly intervalMs: number;
  private lastHeardMs: number;

  constructor(intervalMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastHeardMs = now;
    gaps.length = 0;
  }

  heartbeat(now: number): void {
    gaps.push(now - this.lastHeardMs);
    if (gaps.length > 30) gaps.shift();
    this.lastHeardMs = now;
  }

  shouldTakeOver(now: number): boolean {
    const timeoutMs = gaps.length < 30 ? 10 * this.intervalMs : Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, 1.5 * Math.max(...gaps)));
    return now - this.lastHeardMs > timeoutMs;
  }
}
