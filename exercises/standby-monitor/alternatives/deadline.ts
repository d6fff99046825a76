// Keeps the moment the silence becomes too long (a deadline moved by each heartbeat), instead of the last heartbeat time and a tolerance.
export class StandbyMonitor {
  /** The last moment at which the silence is still tolerated. */
  private patientUntil: number;

  private readonly intervalMs: number;
  private readonly missed: number;

  constructor(intervalMs: number, missed: number, now: number) {
    this.intervalMs = intervalMs;
    this.missed = missed;
    this.patientUntil = this.deadlineAfter(now);
  }

  private deadlineAfter(heardAt: number): number {
    return heardAt + this.missed * this.intervalMs;
  }

  heartbeat(now: number): void {
    this.patientUntil = this.deadlineAfter(now);
  }

  shouldTakeOver(now: number): boolean {
    return now > this.patientUntil;
  }
}
