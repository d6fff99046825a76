import { describe, expect, it } from 'vitest';
import { GUARDED_BACKEND, guardedBackendRun, outcomeFromBackend, type Breaker } from '../../../src/scenarios/guarded-backend.ts';

/** No breaker at all: every call goes to the backend. */
const passThrough: Breaker = { call: (_now, request) => (request() ? 'success' : 'failure') };

describe('guarded backend', () => {
  it('records, for every breaker call, what reached the backend during it', () => {
    const run = guardedBackendRun(passThrough, { recovers: false }, 1);
    expect(run.outcomes.length).toBe(run.calls.length);
    expect(run.outcomes.every((call) => call.backendCalls === 1 && call.backendOk === false && outcomeFromBackend(call) === call.outcome)).toBe(true);
  });

  it("tells a breaker's word from the evidence: a success the backend never gave is caught", () => {
    const liar: Breaker = { call: () => 'success' };
    const run = guardedBackendRun(liar, { recovers: true }, 1);
    expect(run.calls).toEqual([]);
    expect(run.outcomes.every((call) => call.outcome === 'success' && outcomeFromBackend(call) === 'rejected')).toBe(true);
    // The backend comes back whether or not anyone calls it: "served and never relapsed" alone proves nothing.
    expect(run.servingFrom).toBe(GUARDED_BACKEND.recoverAtMs + GUARDED_BACKEND.warmUpMs);
  });

  it('counts more than one backend call in one breaker call as neither success nor failure', () => {
    expect(outcomeFromBackend({ backendCalls: 2, backendOk: true })).toBe(null);
    expect(outcomeFromBackend({ backendCalls: 1, backendOk: true })).toBe('success');
    expect(outcomeFromBackend({ backendCalls: 1, backendOk: false })).toBe('failure');
    expect(outcomeFromBackend({ backendCalls: 0, backendOk: null })).toBe('rejected');
  });
});
