// Remembers that it once said to take over and keeps saying so, even after a heartbeat arrives: the answer
// must be worked out from the silence each time it is asked.
export class StandbyMonitor {
  private readonly intervalMs: number;
  private readonly gaps: number[] = [];
  private lastHeardMs: number;
  private tookOver = false;

  constructor(intervalMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastHeardMs = now;
  }

  heartbeat(now: number): void {
    this.gaps.push(now - this.lastHeardMs);
    if (this.gaps.length > 30) this.gaps.shift();
    this.lastHeardMs = now;
  }

  shouldTakeOver(now: number): boolean {
    if (this.tookOver) return true;
    const timeoutMs = this.gaps.length < 30 ? 10 * this.intervalMs : Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, 1.5 * Math.max(...this.gaps)));
    this.tookOver = now - this.lastHeardMs > timeoutMs;
    return this.tookOver;
  }
}
