// One record per backend (healthy flag and a separate count of failures and passes in a row) in an array walked by index, instead of a Set of down backends and one streak map.
export interface HealthRules {
  failAfter: number;
  passAfter: number;
}

interface Backend {
  name: string;
  healthy: boolean;
  failsInARow: number;
  passesInARow: number;
}

export class HealthCheckedBalancer {
  private readonly pool: Backend[];
  private next = 0;

  private readonly rules: HealthRules;

  constructor(backends: string[], rules: HealthRules) {
    this.rules = rules;
    this.pool = backends.map((name) => ({ name, healthy: true, failsInARow: 0, passesInARow: 0 }));
  }

  pick(): string | null {
    const n = this.pool.length;
    for (let looked = 0; looked < n; looked++) {
      const candidate = this.pool[(this.next + looked) % n]!;
      if (candidate.healthy) {
        this.next = (this.next + looked + 1) % n;
        return candidate.name;
      }
    }
    return null;
  }

  report(backend: string, ok: boolean): void {
    for (const record of this.pool) {
      if (record.name !== backend) continue;
      if (ok) {
        record.failsInARow = 0;
        record.passesInARow++;
        if (!record.healthy && record.passesInARow >= this.rules.passAfter) {
          record.healthy = true;
          record.passesInARow = 0;
        }
      } else {
        record.passesInARow = 0;
        record.failsInARow++;
        if (record.healthy && record.failsInARow >= this.rules.failAfter) {
          record.healthy = false;
          record.failsInARow = 0;
        }
      }
    }
  }
}
