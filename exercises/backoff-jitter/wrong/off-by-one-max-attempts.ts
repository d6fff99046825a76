// Wrong on purpose: allows one retry more than maxAttempts.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt > options.maxAttempts) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(rng() * window);
}

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
    const probing = this.openedAt !== null;
    if (request()) {
      this.consecutiveFailures = 0;
      this.openedAt = null;
      return 'success';
    }
    this.consecutiveFailures += 1;
    if (probing || this.consecutiveFailures >= this.options.failureThreshold) this.openedAt = now;
    return 'failure';
  }
}
