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

/** One per app node start: hands out ids that no other request, on any node, is ever given. */
export class IdAllocator {
  private readonly counter: Counter;
  private readonly disk: Disk;
  /** Ids the database has answered and no request has taken yet. */
  private readonly ready: number[] = [];

  constructor(counter: Counter, disk: Disk) {
    this.counter = counter;
    this.disk = disk;
  }

  /** An id for the node's oldest waiting request, or null for "not yet": the node asks again after each counter answer. */
  nextId(): number | null {
    const id = this.ready.shift();
    if (id !== undefined) return id;
    // One database call per id: unique, but every request on every node waits for the one counter.
    this.counter.add(1, (value) => this.ready.push(value));
    return null;
  }
}
