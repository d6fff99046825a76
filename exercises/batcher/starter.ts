/**
 * Collects items and hands them to `flush` in batches: as soon as `maxBatch` items are waiting, or when the
 * oldest waiting item has waited `maxWaitMs`. Time arrives as `now` (virtual ms); never use timers.
 */
export class Batcher<T> {
  constructor(maxBatch: number, maxWaitMs: number, flush: (items: T[]) => void) {}

  /** Called for every new item, at time `now`. */
  add(item: T, now: number): void {}

  /** Called at least once every millisecond while items are waiting. */
  tick(now: number): void {}
}
