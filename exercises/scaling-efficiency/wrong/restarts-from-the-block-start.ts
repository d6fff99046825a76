// Saves the leased block on disk so a restart can finish it, but not how far it got: after a crash the node
// starts the block again and repeats every id it had handed out from it.
import type { Disk } from '../../../src/sim/disk.ts';

export interface Counter {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

const BLOCK = 100;

export class IdAllocator {
  private readonly counter: Counter;
  private readonly disk: Disk;
  private next: number;
  private end: number;
  private leasing = false;

  constructor(counter: Counter, disk: Disk) {
    this.counter = counter;
    this.disk = disk;
    const block = disk.get<{ first: number; end: number }>('block');
    this.next = block?.first ?? 0;
    this.end = block?.end ?? 0;
  }

  nextId(): number | null {
    if (this.next < this.end) return this.next++;
    if (!this.leasing) {
      this.leasing = true;
      this.counter.add(BLOCK, (value) => {
        this.leasing = false;
        this.next = value - BLOCK + 1;
        this.end = value + 1;
        this.disk.set('block', { first: this.next, end: this.end });
      });
    }
    return null;
  }
}
