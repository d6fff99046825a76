/**
 * Reading and writing the stored state in a Storage area, without the page around it (so it can be tested
 * in Node). The rules: unreadable data is moved under a set-aside key, never overwritten or deleted; a full
 * storage is reported, never thrown; if unreadable data cannot be moved aside, nothing is written over it.
 */
import { emptyState, readStoredState, type StoredState, type UnreadableKind } from './stored-state.ts';

export const STORAGE_KEY = 'system-design-lab';
/** Unreadable data moves to `${SET_ASIDE_KEY_PREFIX}<epoch ms>`; a later problem never overwrites an earlier one. */
export const SET_ASIDE_KEY_PREFIX = 'system-design-lab:set-aside:';

export type StorageArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `full`: the quota is used up (or unreadable data that could not be moved aside is in the way). */
export type WriteOutcome = 'saved' | 'full' | 'unavailable';

export interface SetAside {
  kind: UnreadableKind;
  reason: string;
  /** Where the data now is; null when it could not be copied (storage full) and so stays where it was. */
  key: string | null;
}

export function isQuotaError(error: unknown): boolean {
  // Older engines report the quota only through the legacy code (22, or 1014 in old Firefox).
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22 || error.code === 1014);
}

export class StateStore {
  readonly #storage: StorageArea | null;
  readonly #now: () => number;
  /** Set while unreadable data sits under STORAGE_KEY because it could not be moved aside. */
  #keepOut = false;

  /** `storage` is null where the browser refuses storage (privacy settings): the course works, it just forgets. */
  constructor(storage: StorageArea | null, now: () => number) {
    this.#storage = storage;
    this.#now = now;
  }

  read(): { state: StoredState; setAside?: SetAside } {
    const raw = this.#storage?.getItem(STORAGE_KEY) ?? null;
    if (raw === null) return { state: emptyState() };
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return { state: emptyState(), setAside: this.#setAside(raw, 'unreadable', 'it is not JSON') };
    }
    const read = readStoredState(data);
    if (read.ok) return { state: read.state };
    return { state: emptyState(), setAside: this.#setAside(raw, read.kind, read.reason) };
  }

  write(state: StoredState): WriteOutcome {
    if (!this.#storage) return 'unavailable';
    if (this.#keepOut) {
      // Try again to move the unreadable data away first; it may fit now.
      this.read();
      if (this.#keepOut) return 'full';
    }
    try {
      this.#storage.setItem(STORAGE_KEY, JSON.stringify(state));
      return 'saved';
    } catch (error) {
      return isQuotaError(error) ? 'full' : 'unavailable';
    }
  }

  #setAside(raw: string, kind: UnreadableKind, reason: string): SetAside {
    const key = `${SET_ASIDE_KEY_PREFIX}${this.#now()}`;
    try {
      this.#storage!.setItem(key, raw);
    } catch {
      this.#keepOut = true;
      return { kind, reason, key: null };
    }
    this.#storage!.removeItem(STORAGE_KEY);
    this.#keepOut = false;
    return { kind, reason, key };
  }
}
