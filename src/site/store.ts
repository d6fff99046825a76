/**
 * The page's one stored state, in localStorage. Tells the page when the state changes (here through an event,
 * in other tabs through the browser's `storage` event) and when saved data had to be set aside.
 */
import { StateStore, STORAGE_KEY, type SetAside, type WriteOutcome } from './state-store.ts';
import type { StoredState } from './stored-state.ts';

export { STORAGE_KEY, type SetAside, type WriteOutcome };

const CHANGE_EVENT = 'sdl:state-change';

function localStorageIfAllowed(): Storage | null {
  try {
    return window.localStorage; // throws where the browser refuses storage to the site
  } catch {
    return null;
  }
}

const store = new StateStore(localStorageIfAllowed(), Date.now);
const setAsideData: SetAside[] = [];
const setAsideListeners = new Set<(setAside: SetAside) => void>();

export function readState(): StoredState {
  const { state, setAside } = store.read();
  if (setAside && !setAsideData.some((known) => known.key === setAside.key && known.reason === setAside.reason)) {
    setAsideData.push(setAside);
    for (const listener of setAsideListeners) listener(setAside);
  }
  return state;
}

export function writeState(state: StoredState): WriteOutcome {
  const outcome = store.write(state);
  if (outcome === 'saved') window.dispatchEvent(new Event(CHANGE_EVENT));
  return outcome;
}

export function updateState(change: (state: StoredState) => void): WriteOutcome {
  const state = readState();
  change(state);
  return writeState(state);
}

/** Calls `listener` whenever the stored state changes, here or in another tab. */
export function onStateChange(listener: () => void): void {
  window.addEventListener(CHANGE_EVENT, listener);
  onOtherTabChange(listener);
}

/** Calls `listener` when another tab of this site changed the stored state. */
export function onOtherTabChange(listener: () => void): void {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  });
}

/** Calls `listener` for every time this page found saved data it could not read, including earlier ones. */
export function onSetAside(listener: (setAside: SetAside) => void): void {
  setAsideListeners.add(listener);
  for (const setAside of setAsideData) listener(setAside);
}
