/**
 * Reads and writes the stored state in localStorage and tells the page when it changes
 * (in this tab through an event, in other tabs through the browser's `storage` event).
 */
import { emptyState, parseStoredState, type StoredState } from './stored-state.ts';

export const STORAGE_KEY = 'system-design-lab';
const CHANGE_EVENT = 'sdl:state-change';

export function readState(): StoredState {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return emptyState(); // Storage can be disabled (privacy settings); the course still works, it just forgets.
  }
  if (raw === null) return emptyState();
  try {
    const parsed = parseStoredState(JSON.parse(raw));
    if (parsed.ok) return parsed.state;
  } catch {
    // fall through: unreadable JSON is treated like an unknown format
  }
  console.warn('Saved course data has an unknown format; starting fresh (the old data stays until the next save).');
  return emptyState();
}

export function writeState(state: StoredState): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch (error) {
    console.warn('Could not save course data:', error);
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function updateState(change: (state: StoredState) => void): void {
  const state = readState();
  change(state);
  writeState(state);
}

/** Calls `listener` whenever the stored state changes, here or in another tab. */
export function onStateChange(listener: () => void): void {
  window.addEventListener(CHANGE_EVENT, listener);
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) listener();
  });
}
