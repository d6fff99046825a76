export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker rejects calls before it lets one probe through, in milliseconds. */
  coolDownMs: number;
}

export type CallOutcome = 'success' | 'failure' | 'rejected';

export class CircuitBreaker {
  constructor(options: BreakerOptions) {}

  /** `now` is virtual time in ms; `request()` calls the backend and returns true on success. */
  call(now: number, request: () => boolean): CallOutcome {
    throw new Error('CircuitBreaker.call is not written yet');
  }
}
