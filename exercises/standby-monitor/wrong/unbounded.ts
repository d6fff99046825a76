// Forgets the upper bound: after a gap of more than about seven intervals its learnt timeout passes ten
// intervals, and a standby that has once heard a long gap waits longer than any deadline allows.
export class StandbyMonitor {
  private readonly intervalMs: number;
  private readonly gaps: number[] = [];
  private lastHeardMs: number;

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
    const timeoutMs = this.gaps.length < 30 ? 10 * this.intervalMs : Math.max(2 * this.intervalMs, 1.5 * Math.max(...this.gaps));
    return now - this.lastHeardMs > timeoutMs;
  }
}
