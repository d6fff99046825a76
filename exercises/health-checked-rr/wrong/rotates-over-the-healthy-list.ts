// Wrong on purpose: takes turns over a list of the backends that are healthy now, by request count, so when a backend goes down or comes back the rotation jumps instead of going on from where the turn was.
export interface HealthRules {
  failAfter: number;
  passAfter: number;
}

export class HealthCheckedBalancer {
  private readonly backends: string[];
  private readonly rules: HealthRules;
  private readonly down = new Set<string>();
  /** Checks in a row that disagree with each backend's current state. */
  private readonly streak = new Map<string, number>();
  /** How many requests were routed so far. */
  private turn = 0;

  constructor(backends: string[], rules: HealthRules) {
    this.backends = backends;
    this.rules = rules;
  }

  pick(): string | null {
    const healthy = this.backends.filter((backend) => !this.down.has(backend));
    if (healthy.length === 0) return null;
    // One turn per request, taken over the backends that are healthy now.
    return healthy[this.turn++ % healthy.length]!;
  }

  report(backend: string, ok: boolean): void {
    const isDown = this.down.has(backend);
    // A check that agrees with the current state ends any streak.
    if (ok !== isDown) {
      this.streak.set(backend, 0);
      return;
    }
    const count = (this.streak.get(backend) ?? 0) + 1;
    this.streak.set(backend, count);
    if (isDown && count >= this.rules.passAfter) {
      this.down.delete(backend);
      this.streak.set(backend, 0);
    } else if (!isDown && count >= this.rules.failAfter) {
      this.down.add(backend);
      this.streak.set(backend, 0);
    }
  }
}
