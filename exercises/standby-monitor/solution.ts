/**
 * Watches the active node's heartbeats and decides when the standby must take over, with a timeout learnt from
 * the gaps between the heartbeats it has heard. Times in virtual ms.
 */
export class StandbyMonitor {
  /** How many recent gaps between heartbeats the monitor learns from: more than two seconds of them. */
  private static readonly MEMORY = 30;
  private readonly minTimeoutMs: number;
  private readonly maxTimeoutMs: number;
  private readonly gaps: number[] = [];
  private lastHeardMs: number;

  /** Heartbeats are expected every `intervalMs`; `now` is when watching starts, and counts as a heartbeat. */
  constructor(intervalMs: number, now: number) {
    this.minTimeoutMs = 2 * intervalMs;
    this.maxTimeoutMs = 10 * intervalMs;
    this.lastHeardMs = now;
  }

  /** A heartbeat arrived at `now`. */
  heartbeat(now: number): void {
    this.gaps.push(now - this.lastHeardMs);
    if (this.gaps.length > StandbyMonitor.MEMORY) this.gaps.shift();
    this.lastHeardMs = now;
  }

  /** Whether the standby should take over at `now`: the silence has lasted longer than the network explains. */
  shouldTakeOver(now: number): boolean {
    return now - this.lastHeardMs > this.timeoutMs();
  }

  private timeoutMs(): number {
    // Until it has seen more than two seconds of gaps, the monitor cannot know what a pause looks like here.
    if (this.gaps.length < StandbyMonitor.MEMORY) return this.maxTimeoutMs;
    // Half as long again as the longest recent gap: a pause a little longer than the one seen is still a pause.
    const learnt = 1.5 * Math.max(...this.gaps);
    return Math.min(this.maxTimeoutMs, Math.max(this.minTimeoutMs, learnt));
  }
}
