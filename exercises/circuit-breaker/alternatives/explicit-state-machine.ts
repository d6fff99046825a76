// An explicit state field ('closed' | 'open' | 'half-open') with a switch, and the reopening time kept as a deadline, instead of inferring the state from openedAt.
export interface BreakerOptions {
  failureThreshold: number;
  coolDownMs: number;
}

export type CallOutcome = 'success' | 'failure' | 'rejected';

type State = { name: 'closed'; failures: number } | { name: 'open'; retryAt: number } | { name: 'half-open' };

export class CircuitBreaker {
  private state: State = { name: 'closed', failures: 0 };

  private readonly options: BreakerOptions;

  constructor(options: BreakerOptions) {
    this.options = options;
  }

  call(now: number, request: () => boolean): CallOutcome {
    if (this.state.name === 'open') {
      if (now < this.state.retryAt) return 'rejected';
      this.state = { name: 'half-open' };
    }
    const ok = request();
    switch (this.state.name) {
      case 'half-open':
        this.state = ok ? { name: 'closed', failures: 0 } : this.openAt(now);
        break;
      case 'closed': {
        const failures = ok ? 0 : this.state.failures + 1;
        this.state = failures >= this.options.failureThreshold ? this.openAt(now) : { name: 'closed', failures };
        break;
      }
    }
    return ok ? 'success' : 'failure';
  }

  private openAt(now: number): State {
    return { name: 'open', retryAt: now + this.options.coolDownMs };
  }
}
