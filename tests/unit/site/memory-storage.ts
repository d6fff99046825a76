import type { StorageArea } from '../../../src/site/state-store.ts';

/** A Storage area in memory that can be made to run out of room, like a browser's at its quota. */
export class MemoryStorage implements StorageArea {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
