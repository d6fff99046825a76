// Wrong on purpose: takes a backend out only after more than failAfter failed checks.
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
  /** Where the next turn starts, as an index into `backends`. */
  private turn = 0;

  constructor(backends: string[], rules: HealthRules) {
    this.backends = backends;
    this.rules = rules;
  }

  pick(): string | null {
    for (let tried = 0; tried < this.backends.length; tried++) {
      const backend = this.backends[this.turn]!;
      // Move past every backend we look at, skipped or chosen, so the one after a dead backend gets no extra turn.
      this.turn = (this.turn + 1) % this.backends.length;
      if (!this.down.has(backend)) return backend;
    }
    return null;
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
    } else if (!isDown && count > this.rules.failAfter) {
      this.down.add(backend);
      this.streak.set(backend, 0);
    }
  }
}
