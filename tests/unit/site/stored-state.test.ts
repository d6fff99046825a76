import { describe, expect, it } from 'vitest';
import { emptyState, parseStoredState, STORED_STATE_VERSION } from '../../../src/site/stored-state.ts';

describe('parseStoredState', () => {
  it('accepts what the course writes', () => {
    const state = {
      version: STORED_STATE_VERSION,
      drafts: { 'backoff-jitter': { starterHash: '0011aabb', code: 'export {}', savedAt: 1 } },
      solved: { 'cap-register': { solvedAt: 2 } },
    };
    expect(parseStoredState(state)).toEqual({ ok: true, state });
    expect(parseStoredState(emptyState())).toEqual({ ok: true, state: emptyState() });
  });

  it('rejects another format version, naming the field', () => {
    const result = parseStoredState({ version: 99, drafts: {}, solved: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^version: /);
  });

  it('rejects a draft without code, naming where', () => {
    const result = parseStoredState({ version: STORED_STATE_VERSION, drafts: { x: { starterHash: 'a', savedAt: 1 } }, solved: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^drafts\.x\.code: /);
  });

  it('rejects something that is not an object at all', () => {
    expect(parseStoredState('hello').ok).toBe(false);
    expect(parseStoredState(null).ok).toBe(false);
  });
});
