// Counts slots by index and jumps to the next one with division (Math.floor), instead of a while loop adding periods.
export class IntervalScheduler {
  /** The index k of the next usable slot startMs + k × periodMs. */
  private nextIndex = 0;
  private busy = false;

  private readonly periodMs: number;
  private readonly startMs: number;

  constructor(periodMs: number, startMs: number) {
    this.periodMs = periodMs;
    this.startMs = startMs;
  }

  private slot(index: number): number {
    return this.startMs + index * this.periodMs;
  }

  /** The index of the first slot strictly after now. */
  private firstIndexAfter(now: number): number {
    if (now < this.startMs) return 0;
    return Math.floor((now - this.startMs) / this.periodMs) + 1;
  }

  shouldStart(now: number): boolean {
    if (this.busy) return false;
    if (now < this.slot(this.nextIndex)) return false;
    this.busy = true;
    this.nextIndex = this.firstIndexAfter(now);
    return true;
  }

  finished(now: number): void {
    this.busy = false;
    this.nextIndex = Math.max(this.nextIndex, this.firstIndexAfter(now));
  }
}
