// TCP's retransmission timer (RFC 6298) over the gaps: a smoothed mean plus four smoothed deviations. A pause
// raises it, but the smoothing forgets a pause within a dozen regular beats, long before the next one comes.
export class StandbyMonitor {
  private readonly intervalMs: number;
  private lastHeardMs: number;
  private meanMs: number | null = null;
  private deviationMs = 0;
  private heard = 0;

  constructor(intervalMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastHeardMs = now;
  }

  heartbeat(now: number): void {
    const gap = now - this.lastHeardMs;
    this.lastHeardMs = now;
    this.heard += 1;
    if (this.meanMs === null) {
      this.meanMs = gap;
      this.deviationMs = gap / 2;
      return;
    }
    this.deviationMs = 0.75 * this.deviationMs + 0.25 * Math.abs(this.meanMs - gap);
    this.meanMs = 0.875 * this.meanMs + 0.125 * gap;
  }

  shouldTakeOver(now: number): boolean {
    const learnt = (this.meanMs ?? 0) + 4 * this.deviationMs;
    const timeoutMs = this.heard < 30 ? 10 * this.intervalMs : Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, learnt));
    return now - this.lastHeardMs > timeoutMs;
  }
}
