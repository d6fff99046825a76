// Counts on each node, on its disk, without the database: fast and safe across a crash, but every node hands
// out 1, 2, 3… — the same ids as every other node.
import type { Disk } from '../../../src/sim/disk.ts';

export interface Counter {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

export class IdAllocator {
  private readonly disk: Disk;

  constructor(_counter: Counter, disk: Disk) {
    this.disk = disk;
  }

  nextId(): number | null {
    const id = (this.disk.get<number>('last') ?? 0) + 1;
    this.disk.set('last', id);
    return id;
  }
}
