// A plain Lamport clock: a counter that ignores the wall clock, moves to the largest time it observes, and adds 1 per write.
export interface Stamp {
  time: number;
  replica: string;
}

export class Clock {
  private counter = 0;
  private readonly replica: string;

  constructor(replica: string) {
    this.replica = replica;
  }

  stamp(_now: number): Stamp {
    this.counter += 1;
    return { time: this.counter, replica: this.replica };
  }

  observe(stamp: Stamp): void {
    if (stamp.time > this.counter) this.counter = stamp.time;
  }
}

export function compareStamps(a: Stamp, b: Stamp): number {
  return a.time - b.time || (a.replica === b.replica ? 0 : a.replica > b.replica ? 1 : -1);
}
