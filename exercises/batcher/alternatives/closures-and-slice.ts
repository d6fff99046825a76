// A class whose state lives in one object of closures, keeping every item's arrival time and handing over a copy (slice) rather than swapping arrays.
type Entry<T> = { item: T; at: number };

export class Batcher<T> {
  readonly add: (item: T, now: number) => void;
  readonly tick: (now: number) => void;

  constructor(maxBatch: number, maxWaitMs: number, flush: (items: T[]) => void) {
    const waiting: Entry<T>[] = [];
    const sendAll = (): void => {
      const batch = waiting.slice().map((entry) => entry.item);
      waiting.length = 0;
      flush(batch);
    };
    this.add = (item, now) => {
      waiting.push({ item, at: now });
      if (waiting.length === maxBatch) sendAll();
    };
    this.tick = (now) => {
      const oldest = waiting[0];
      if (oldest !== undefined && now >= oldest.at + maxWaitMs) sendAll();
    };
  }
}
