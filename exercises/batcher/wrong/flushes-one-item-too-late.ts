// Wrong on purpose: flushes only once the batch holds more than maxBatch items.
export class Batcher<T> {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly flush: (items: T[]) => void;
  private items: T[] = [];
  /** When the oldest waiting item arrived. */
  private oldestAt = 0;

  constructor(maxBatch: number, maxWaitMs: number, flush: (items: T[]) => void) {
    this.maxBatch = maxBatch;
    this.maxWaitMs = maxWaitMs;
    this.flush = flush;
  }

  add(item: T, now: number): void {
    if (this.items.length === 0) this.oldestAt = now;
    this.items.push(item);
    if (this.items.length > this.maxBatch) this.send();
  }

  tick(now: number): void {
    if (this.items.length > 0 && now - this.oldestAt >= this.maxWaitMs) this.send();
  }

  private send(): void {
    // Hand over this array and start a new one: the receiver may keep the batch for later.
    const batch = this.items;
    this.items = [];
    this.flush(batch);
  }
}
