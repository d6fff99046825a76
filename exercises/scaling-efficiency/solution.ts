import type { Disk } from '../../src/sim/disk.ts';

/** The shared database's counter. Every call is a round trip to the database, served one at a time. */
export interface Counter {
  /** Adds `count` (1 to 100) to the counter in one step and hands `then` its new value. */
  add(count: number, then: (value: number) => void): void;
  /** Hands `then` the counter's value. */
  read(then: (value: number) => void): void;
  /** Sets the counter to `value`, then calls `then`. */
  write(value: number, then: () => void): void;
}

/** Ids leased from the database in blocks: one call reserves `BLOCK` ids, which this node then hands out alone. */
const BLOCK = 100;

export class IdAllocator {
  private readonly counter: Counter;
  // The block in hand, [next, end). Kept in memory only: after a restart the node leases a fresh block, and the
  // rest of the old one is never used (a gap, never a repeat).
  private next = 0;
  private end = 0;
  private leasing = false;

  constructor(counter: Counter, _disk: Disk) {
    this.counter = counter;
  }

  nextId(): number | null {
    if (this.next < this.end) return this.next++;
    if (!this.leasing) {
      this.leasing = true;
      this.counter.add(BLOCK, (value) => {
        this.leasing = false;
        this.next = value - BLOCK + 1;
        this.end = value + 1;
      });
    }
    return null;
  }
}
