/** A write's timestamp: the time part, then the id of the replica that stamped it, to break ties. */
export interface Stamp {
  time: number;
  replica: string;
}

/** Stamps the writes a replica accepts. */
export class Clock {
  private readonly replica: string;

  constructor(replica: string) {
    this.replica = replica;
  }

  /** The stamp of a new write taken at this replica; `now` is its wall clock, which may be off or go back. */
  stamp(now: number): Stamp {
    // The wall clock says when the write happened — on this machine's clock. Is that clock right?
    return { time: now, replica: this.replica };
  }

  /** Takes note of a stamp that arrived from another replica. */
  observe(stamp: Stamp): void {}
}

/** Negative when `a` is older than `b`, positive when newer, 0 only when they are the same stamp. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.time - b.time;
}
