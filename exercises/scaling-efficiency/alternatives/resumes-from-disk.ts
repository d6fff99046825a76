// Keeps the block and how far it got on disk, so a restarted node finishes its block instead of leasing a new
// one; leases 64 ids at a time; the lease in flight is remembered in memory only, so a crash forgets it.
import type { Disk } from '../../../src/sim/disk.ts';

export interface Counter {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

const LEASE = 64;

interface Block {
  next: number;
  last: number;
}

export class IdAllocator {
  private readonly counter: Counter;
  private readonly disk: Disk;
  private asked = false;

  constructor(counter: Counter, disk: Disk) {
    this.counter = counter;
    this.disk = disk;
  }

  nextId(): number | null {
    const block = this.disk.get<Block>('block');
    if (block !== undefined && block.next <= block.last) {
      // Written before the id leaves: a crash right after cannot hand it out again.
      this.disk.set('block', { next: block.next + 1, last: block.last });
      return block.next;
    }
    if (this.asked) return null;
    this.asked = true;
    this.counter.add(LEASE, (top) => {
      this.asked = false;
      this.disk.set('block', { next: top - LEASE + 1, last: top });
    });
    return null;
  }
}
