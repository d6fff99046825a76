// Keeps all its state on disk to survive a crash — including that a lease is out. When the node crashes while
// it waits for a block, the answer is lost with the crash, and the restarted node waits for it forever.
import type { Disk } from '../../../src/sim/disk.ts';

export interface Counter {
  add(count: number, then: (value: number) => void): void;
  read(then: (value: number) => void): void;
  write(value: number, then: () => void): void;
}

const BLOCK = 100;

interface State {
  next: number;
  end: number;
  leasing: boolean;
}

export class IdAllocator {
  private readonly counter: Counter;
  private readonly disk: Disk;

  constructor(counter: Counter, disk: Disk) {
    this.counter = counter;
    this.disk = disk;
  }

  nextId(): number | null {
    const state = this.disk.get<State>('state') ?? { next: 0, end: 0, leasing: false };
    if (state.next < state.end) {
      this.disk.set('state', { ...state, next: state.next + 1 });
      return state.next;
    }
    if (!state.leasing) {
      this.disk.set('state', { ...state, leasing: true });
      this.counter.add(BLOCK, (value) => this.disk.set('state', { next: value - BLOCK + 1, end: value + 1, leasing: false }));
    }
    return null;
  }
}
