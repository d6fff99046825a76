// Leases a block with two calls — read the counter, then write it 100 higher. Between the two, other nodes'
// reads run: two nodes that start together read the same value and lease the same block.
import type { Disk } from '../../../src/sim/disk.ts';

export interface Counter {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

const BLOCK = 100;

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
      this.counter.read((value) => {
        this.counter.write(value + BLOCK, () => {
          this.leasing = false;
          this.next = value + 1;
          this.end = value + BLOCK + 1;
        });
      });
    }
    return null;
  }
}
