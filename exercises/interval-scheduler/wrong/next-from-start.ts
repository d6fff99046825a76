// Wrong on purpose: schedules the next run one period after the moment this run actually started, so late wake-ups add up and the runs drift.
/**
 * Decides when a periodic job runs: on the schedule `startMs + k × periodMs`, never two runs at once, and a
 * slot that passes while a run is still going is skipped. Times in virtual ms.
 */
export class IntervalScheduler {
  private readonly periodMs: number;
  /** The next slot a run may start at. */
  private nextSlot: number;
  private running = false;

  constructor(periodMs: number, startMs: number) {
    this.periodMs = periodMs;
    this.nextSlot = startMs;
  }

  /** Called whenever the scheduler wakes up: true means "start a run now". */
  shouldStart(now: number): boolean {
    if (this.running || now < this.nextSlot) return false;
    this.running = true;
    this.nextSlot = now + this.periodMs;
    return true;
  }

  /** The run that started last has finished. */
  finished(now: number): void {
    this.running = false;
  }

  private skipPast(now: number): void {
    while (this.nextSlot <= now) this.nextSlot += this.periodMs;
  }
}
