import { describe, expect, it } from 'vitest';
import { SET_ASIDE_KEY_PREFIX, StateStore, STORAGE_KEY, type StorageArea } from '../../../src/site/state-store.ts';
import { emptyState, STORED_STATE_VERSION, type StoredState } from '../../../src/site/stored-state.ts';
import { MemoryStorage } from './memory-storage.ts';

const stateWithDraft = (code: string): StoredState => ({
  version: STORED_STATE_VERSION,
  drafts: { 'backoff-jitter': { starterHash: 'aa', code, savedAt: 1, revision: 1 } },
  solved: {},
});

describe('StateStore', () => {
  it('writes and reads back the state', () => {
    const storage = new MemoryStorage();
    const store = new StateStore(storage, () => 7);
    expect(store.write(stateWithDraft('x'))).toBe('saved');
    expect(store.read()).toEqual({ state: stateWithDraft('x') });
  });

  it('reads a format-1 value through the migration', () => {
    const storage = new MemoryStorage();
    storage.items.set(STORAGE_KEY, JSON.stringify({ version: 1, drafts: { a: { starterHash: 'h', code: 'c', savedAt: 2 } }, solved: {} }));
    expect(new StateStore(storage, () => 7).read().state.drafts.a).toEqual({ starterHash: 'h', code: 'c', savedAt: 2, revision: 1 });
  });

  it('moves data that is not JSON under a set-aside key, byte for byte, and starts fresh', () => {
    const storage = new MemoryStorage();
    storage.items.set(STORAGE_KEY, '{"version":2,"drafts":{');
    const store = new StateStore(storage, () => 1234);
    expect(store.read()).toEqual({ state: emptyState(), setAside: { kind: 'unreadable', reason: 'it is not JSON', key: `${SET_ASIDE_KEY_PREFIX}1234` } });
    expect(storage.items.get(`${SET_ASIDE_KEY_PREFIX}1234`)).toBe('{"version":2,"drafts":{');
    expect(storage.items.has(STORAGE_KEY)).toBe(false);
    // The next read finds nothing to set aside, and saving works again.
    expect(store.read()).toEqual({ state: emptyState() });
    expect(store.write(stateWithDraft('new'))).toBe('saved');
    expect(storage.items.get(`${SET_ASIDE_KEY_PREFIX}1234`)).toBe('{"version":2,"drafts":{');
  });

  it('sets aside data from a newer format without parsing it, and never overwrites an earlier set-aside copy', () => {
    const storage = new MemoryStorage();
    let now = 1;
    const store = new StateStore(storage, () => now);
    storage.items.set(STORAGE_KEY, '{"version":99,"notes":"from the future"}');
    expect(store.read().setAside).toMatchObject({ kind: 'newer', key: `${SET_ASIDE_KEY_PREFIX}1` });
    now = 2;
    storage.items.set(STORAGE_KEY, '[]');
    expect(store.read().setAside).toMatchObject({ kind: 'unreadable', key: `${SET_ASIDE_KEY_PREFIX}2` });
    expect(storage.items.get(`${SET_ASIDE_KEY_PREFIX}1`)).toBe('{"version":99,"notes":"from the future"}');
    expect(storage.items.get(`${SET_ASIDE_KEY_PREFIX}2`)).toBe('[]');
  });

  it('reports a full storage as "full" instead of throwing, and keeps what was stored before', () => {
    const storage = new MemoryStorage();
    const store = new StateStore(storage, () => 1);
    store.write(stateWithDraft('before'));
    storage.full = true;
    expect(store.write(stateWithDraft('after'))).toBe('full');
    expect(store.read().state).toEqual(stateWithDraft('before'));
    storage.full = false;
    expect(store.write(stateWithDraft('after'))).toBe('saved');
  });

  it('writes nothing over unreadable data it could not move aside, until there is room to move it', () => {
    const storage = new MemoryStorage();
    storage.items.set(STORAGE_KEY, 'garbage');
    storage.full = true;
    const store = new StateStore(storage, () => 5);
    expect(store.read()).toEqual({ state: emptyState(), setAside: { kind: 'unreadable', reason: 'it is not JSON', key: null } });
    expect(store.write(stateWithDraft('x'))).toBe('full');
    expect(storage.items.get(STORAGE_KEY)).toBe('garbage');
    storage.full = false;
    expect(store.write(stateWithDraft('x'))).toBe('saved');
    expect(storage.items.get(`${SET_ASIDE_KEY_PREFIX}5`)).toBe('garbage');
  });

  it('reports other storage failures as "unavailable", and works without storage at all', () => {
    const refusing: StorageArea = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(new StateStore(refusing, () => 1).write(emptyState())).toBe('unavailable');
    const none = new StateStore(null, () => 1);
    expect(none.read()).toEqual({ state: emptyState() });
    expect(none.write(emptyState())).toBe('unavailable');
  });
});
