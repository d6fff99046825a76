// Last writer wins on wall-clock time: a stamp is the replica's clock reading, and observing changes nothing, so
// a write taken on a clock that runs behind loses to the older write its client had already read.
export interface Stamp {
  time: number;
  replica: string;
}

export class Clock {
  private readonly replica: string;

  constructor(replica: string) {
    this.replica = replica;
  }

  stamp(now: number): Stamp {
    return { time: now, replica: this.replica };
  }

  observe(stamp: Stamp): void {}
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  if (a.replica === b.replica) return 0;
  return a.replica < b.replica ? -1 : 1;
}
