/**
 * A node's disk: a small key-value store that survives crashes. Writes are durable at once (no fsync
 * window is modelled). Values are deep-frozen on write, so volatile state can never alias what is on disk
 * and a crash cannot leave half-changed data behind.
 */
import { freezeMessage } from './freeze.ts';

export class Disk {
  private readonly entries = new Map<string, unknown>();
  private readonly owner: string;

  constructor(owner: string) {
    this.owner = owner;
  }

  get<T = unknown>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: unknown): void {
    freezeMessage(value, 'disk.set on', () => `${this.owner} (key ${JSON.stringify(key)})`);
    this.entries.set(key, value);
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** Keys in the order they were first written. */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
