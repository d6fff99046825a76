/**
 * Lesson 05's circuit-breaker scenario: callers that keep calling a backend through one shared breaker
 * (as the threads of one application server would), while the backend is down. The backend comes back
 * cold: for a warm-up period it answers every call with a failure ("not ready"), and if it receives more
 * than a handful of calls while warming up it falls over again and restarts. Without a breaker the
 * callers' steady stream knocks it over forever; a breaker that stops calling lets it warm up.
 *
 * Breaker calls are synchronous, so the backend is a plain object the callers call directly; the
 * simulation schedules the callers (each on its own seeded offset) and records every outcome in the
 * trace as the name of the caller's next timer, so two runs of a seed are compared outcome by outcome.
 */
import { Simulation } from '../sim/index.ts';
import type { SeededRun } from '../testkit/scenario-seeds.ts';

export type BreakerOutcome = 'success' | 'failure' | 'rejected';

/** What a learner's breaker must offer: `call(now, request)` where `request()` returns true on success. */
export interface Breaker {
  call(now: number, request: () => boolean): BreakerOutcome;
}

export const GUARDED_BACKEND = Object.freeze({
  callers: 10,
  /** Each caller calls once per interval, starting at a seeded offset within the first interval. */
  callEveryMs: 20,
  breaker: Object.freeze({ failureThreshold: 5, coolDownMs: 250 }),
  /** The backend is down from the start until this time, then warms up. */
  recoverAtMs: 1000,
  warmUpMs: 200,
  /** More calls than this during one warm-up knock the backend over again… */
  warmUpCapacity: 3,
  /** …and it takes this long to restart and begin warming up again. */
  restartMs: 300,
  untilMs: 3000,
});

export interface BackendCall {
  readonly at: number;
  readonly caller: string;
  readonly ok: boolean;
  /** The backend's state when the call arrived. */
  readonly state: 'down' | 'warming' | 'serving';
}

export interface CallerOutcome {
  readonly at: number;
  readonly caller: string;
  /** What the breaker said (learner code: judge it against the two fields below). */
  readonly outcome: unknown;
  /** How many times the backend was called during this breaker call: the evidence, recorded by the backend. */
  readonly backendCalls: number;
  /** What the backend answered to the last of those calls (null: it was not called). */
  readonly backendOk: boolean | null;
}

export interface GuardedBackendRun extends SeededRun {
  /** Every call that reached the backend, in order. */
  readonly calls: readonly BackendCall[];
  /** Every breaker call, in order, with what reached the backend during it. */
  readonly outcomes: readonly CallerOutcome[];
  /** When the backend finished warming up and began serving, or null if it never did. */
  readonly servingFrom: number | null;
  /** When the backend fell over again during a warm-up. */
  readonly relapses: readonly number[];
}

export interface GuardedBackendOptions {
  /** Whether the backend ever comes back (false: it stays down for the whole run). */
  readonly recovers: boolean;
}

/** A backend that is down, then warms up, and relapses when it gets too many calls while warming up. */
function coldBackend(recovers: boolean) {
  let upAt: number | null = recovers ? GUARDED_BACKEND.recoverAtMs : null;
  let warmUpCalls = 0;
  const calls: BackendCall[] = [];
  const relapses: number[] = [];
  const stateAt = (now: number): BackendCall['state'] => {
    if (upAt === null || now < upAt) return 'down';
    return now < upAt + GUARDED_BACKEND.warmUpMs ? 'warming' : 'serving';
  };
  return {
    calls,
    relapses,
    servingFrom: () => (upAt === null || stateAt(GUARDED_BACKEND.untilMs) !== 'serving' ? null : upAt + GUARDED_BACKEND.warmUpMs),
    request(now: number, caller: string): boolean {
      const state = stateAt(now);
      calls.push({ at: now, caller, ok: state === 'serving', state });
      if (state === 'warming' && ++warmUpCalls > GUARDED_BACKEND.warmUpCapacity) {
        relapses.push(now);
        upAt = now + GUARDED_BACKEND.restartMs;
        warmUpCalls = 0;
      }
      return state === 'serving';
    },
  };
}

export function guardedBackendRun(breaker: Breaker, options: GuardedBackendOptions, seed: number): GuardedBackendRun {
  const sim = new Simulation({ seed, trace: true });
  const backend = coldBackend(options.recovers);
  const outcomes: CallerOutcome[] = [];
  // The breaker call in progress, and what reached the backend during it. Learner code runs only inside
  // breaker.call, so whenever `request` is called, it is on behalf of the call in progress.
  let now = 0;
  let caller = '';
  let backendCalls = 0;
  let backendOk: boolean | null = null;
  // One `request` for the whole run, not a new closure per call: every function handed to learner code is
  // registered with the boundary, and a fresh one per call (thousands a run) made most of the run's time.
  const request = (): boolean => {
    backendCalls += 1;
    backendOk = backend.request(now, caller);
    return backendOk;
  };
  for (let i = 1; i <= GUARDED_BACKEND.callers; i++) {
    const name = `caller${i}`;
    sim.addNode(name, {
      onStart: (ctx) => void ctx.setTimer(ctx.rng.int(0, GUARDED_BACKEND.callEveryMs - 1), 'call'),
      onTimer: (ctx) => {
        now = ctx.now;
        caller = name;
        backendCalls = 0;
        backendOk = null;
        const outcome: unknown = breaker.call(ctx.now, request);
        outcomes.push({ at: ctx.now, caller, outcome, backendCalls, backendOk });
        // The timer's name carries the outcome into the trace (and so into the run's fingerprint).
        ctx.setTimer(GUARDED_BACKEND.callEveryMs, `call after ${outcome}`);
      },
    });
  }
  sim.run({ untilMs: GUARDED_BACKEND.untilMs });
  return { seed, sim, calls: backend.calls, outcomes, servingFrom: backend.servingFrom(), relapses: backend.relapses };
}

/** What a breaker call should have said, from what reached the backend during it. */
export function outcomeFromBackend(call: Pick<CallerOutcome, 'backendCalls' | 'backendOk'>): BreakerOutcome | null {
  if (call.backendCalls === 0) return 'rejected';
  if (call.backendCalls > 1) return null;
  return call.backendOk === true ? 'success' : 'failure';
}
