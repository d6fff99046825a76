// Wrong on purpose: a successful probe closes the breaker but keeps the failure count, so the next failure opens it again at once.
export interface BreakerOptions {
  failureThreshold: number;
  coolDownMs: number;
}

export type CallOutcome = 'success' | 'failure' | 'rejected';

export class CircuitBreaker {
  private readonly options: BreakerOptions;
  private consecutiveFailures = 0;
  private openedAt: number | null = null;

  constructor(options: BreakerOptions) {
    this.options = options;
  }

  call(now: number, request: () => boolean): CallOutcome {
    if (this.openedAt !== null && now < this.openedAt + this.options.coolDownMs) return 'rejected';
    // Open, but the cool-down is over: this call is the single probe.
    const probing = this.openedAt !== null;
    if (request()) {
      if (!probing) this.consecutiveFailures = 0;
      this.openedAt = null;
      return 'success';
    }
    this.consecutiveFailures += 1;
    if (probing || this.consecutiveFailures >= this.options.failureThreshold) this.openedAt = now;
    return 'failure';
  }
}
