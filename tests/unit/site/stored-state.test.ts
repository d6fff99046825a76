import { describe, expect, it } from 'vitest';
import { emptyState, readStoredState, STORED_STATE_VERSION } from '../../../src/site/stored-state.ts';

describe('readStoredState', () => {
  it('accepts what the course writes', () => {
    const state = {
      version: STORED_STATE_VERSION,
      drafts: { 'backoff-jitter': { starterHash: '0011aabb', code: 'export {}', savedAt: 1, revision: 3 } },
      solved: { 'cap-register': { solvedAt: 2 } },
    };
    expect(readStoredState(state)).toEqual({ ok: true, state });
    expect(readStoredState(emptyState())).toEqual({ ok: true, state: emptyState() });
  });

  it('migrates format 1 (drafts without revisions) to the current format, keeping every draft and solve', () => {
    const v1 = {
      version: 1,
      drafts: {
        'backoff-jitter': { starterHash: '0011aabb', code: 'export const a = 1;', savedAt: 10 },
        'cap-register': { starterHash: 'ffee0011', code: '// mine', savedAt: 20 },
      },
      solved: { 'backoff-jitter': { solvedAt: 5 } },
    };
    expect(readStoredState(v1)).toEqual({
      ok: true,
      state: {
        version: STORED_STATE_VERSION,
        drafts: {
          'backoff-jitter': { starterHash: '0011aabb', code: 'export const a = 1;', savedAt: 10, revision: 1 },
          'cap-register': { starterHash: 'ffee0011', code: '// mine', savedAt: 20, revision: 1 },
        },
        solved: { 'backoff-jitter': { solvedAt: 5 } },
      },
    });
  });

  it('names the field when a format-1 file is broken, instead of half-migrating it', () => {
    const result = readStoredState({ version: 1, drafts: { x: { starterHash: 'a', savedAt: 1 } }, solved: {} });
    expect(result).toMatchObject({ ok: false, kind: 'unreadable' });
    if (!result.ok) expect(result.reason).toMatch(/^drafts\.x\.code: /);
  });

  it('sets a newer format aside as newer, without looking inside it', () => {
    const result = readStoredState({ version: STORED_STATE_VERSION + 1, whatever: 'shape' });
    expect(result).toEqual({ ok: false, kind: 'newer', reason: `version: ${STORED_STATE_VERSION + 1} is newer than this site's format (${STORED_STATE_VERSION})` });
  });

  it('rejects data without a format version, and versions that never existed', () => {
    expect(readStoredState({ drafts: {}, solved: {} })).toMatchObject({ ok: false, kind: 'unreadable', reason: 'version: it has no format version' });
    expect(readStoredState({ version: 0, drafts: {}, solved: {} })).toMatchObject({ ok: false, kind: 'unreadable', reason: 'version: 0 is not a format this site knows' });
    expect(readStoredState({ version: 1.5 })).toMatchObject({ ok: false, kind: 'unreadable' });
  });

  it('rejects a current-format draft without a revision, naming where', () => {
    const result = readStoredState({ version: STORED_STATE_VERSION, drafts: { x: { starterHash: 'a', code: '', savedAt: 1 } }, solved: {} });
    expect(result).toMatchObject({ ok: false, kind: 'unreadable' });
    if (!result.ok) expect(result.reason).toMatch(/^drafts\.x\.revision: /);
  });

  it('rejects something that is not an object at all', () => {
    expect(readStoredState('hello').ok).toBe(false);
    expect(readStoredState(null).ok).toBe(false);
    expect(readStoredState([1, 2]).ok).toBe(false);
  });
});
