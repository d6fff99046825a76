// Trusts what it has learnt from the first few heartbeats: before the active has paused even once, the longest
// gap is about 110 ms, so the first pause, well under a second into the run, looks like a crash.
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
    const timeoutMs = this.gaps.length < 3 ? 10 * this.intervalMs : Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, 1.5 * Math.max(...this.gaps)));
    return now - this.lastHeardMs > timeoutMs;
  }
}
