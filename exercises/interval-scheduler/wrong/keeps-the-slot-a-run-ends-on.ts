// Wrong on purpose: when a run finishes exactly on a slot, keeps that slot (< instead of <=), so a make-up run follows for a slot that came while the run was going.
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
    // Follow the schedule, not the moment we happened to wake up: that is what keeps runs from drifting.
    this.skipPast(now);
    return true;
  }

  /** The run that started last has finished. */
  finished(now: number): void {
    this.running = false;
    // Slots that came while the run was going are skipped, not made up for with a burst of runs.
    while (this.nextSlot < now) this.nextSlot += this.periodMs;
  }

  private skipPast(now: number): void {
    while (this.nextSlot <= now) this.nextSlot += this.periodMs;
  }
}
