// Works out the moment to take over at each heartbeat (a deadline), from a ring of the last 25 gaps, with a margin of a quarter of the longest gap plus half an interval.
const WINDOW = 25;

export class StandbyMonitor {
  private readonly intervalMs: number;
  private readonly ring: number[] = [];
  private next = 0;
  private lastMs: number;
  private deadlineMs: number;

  constructor(intervalMs: number, now: number) {
    this.intervalMs = intervalMs;
    this.lastMs = now;
    this.deadlineMs = now + 10 * intervalMs;
  }

  heartbeat(now: number): void {
    this.ring[this.next] = now - this.lastMs;
    this.next = (this.next + 1) % WINDOW;
    this.lastMs = now;
    let longest = 0;
    for (const gap of this.ring) longest = gap > longest ? gap : longest;
    const waitMs = this.ring.length < WINDOW ? 10 * this.intervalMs : longest * 1.25 + this.intervalMs / 2;
    this.deadlineMs = now + Math.min(10 * this.intervalMs, Math.max(2 * this.intervalMs, waitMs));
  }

  shouldTakeOver(now: number): boolean {
    return now > this.deadlineMs;
  }
}
