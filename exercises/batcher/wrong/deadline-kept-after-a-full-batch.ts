// Wrong on purpose: restarts the deadline clock only after a deadline flush, so after a full batch the next batch is timed from an item already sent.
export class Batcher<T> {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly flush: (items: T[]) => void;
  private items: T[] = [];
  /** When the oldest waiting item arrived — forgotten only when a deadline flush sends it. */
  private oldestAt: number | null = null;

  constructor(maxBatch: number, maxWaitMs: number, flush: (items: T[]) => void) {
    this.maxBatch = maxBatch;
    this.maxWaitMs = maxWaitMs;
    this.flush = flush;
  }

  add(item: T, now: number): void {
    if (this.oldestAt === null) this.oldestAt = now;
    this.items.push(item);
    if (this.items.length >= this.maxBatch) this.send();
  }

  tick(now: number): void {
    if (this.items.length > 0 && this.oldestAt !== null && now - this.oldestAt >= this.maxWaitMs) {
      this.oldestAt = null;
      this.send();
    }
  }

  private send(): void {
    // Hand over this array and start a new one: the receiver may keep the batch for later.
    const batch = this.items;
    this.items = [];
    this.flush(batch);
  }
}
