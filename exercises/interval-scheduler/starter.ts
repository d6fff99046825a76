/**
 * Decides when a periodic job runs: on the schedule `startMs + k × periodMs`, never two runs at once, and a
 * slot that passes while a run is still going is skipped. Times in virtual ms.
 */
export class IntervalScheduler {
  private readonly periodMs: number;
  private lastStart: number | null = null;

  constructor(periodMs: number, startMs: number) {
    this.periodMs = periodMs;
  }

  /** Called whenever the scheduler wakes up: true means "start a run now". */
  shouldStart(now: number): boolean {
    // Starting no run at all is the safest schedule there is… but the job never runs.
    return false;
  }

  /** The run that started last has finished. */
  finished(now: number): void {}
}
