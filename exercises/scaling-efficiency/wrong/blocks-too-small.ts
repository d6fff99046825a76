// Leases blocks, but of two ids: the database still gets a call for every other request — 200 a second from
// eight nodes, more than the 125 it can serve — so the eight nodes wait for it as the starter's do.
import type { Disk } from '../../../src/sim/disk.ts';

export interface Counter {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

const BLOCK = 2;

export class IdAllocator {
  private readonly counter: Counter;
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
