export interface HealthRules {
  /** Failed checks in a row that take a backend out of rotation. */
  failAfter: number;
  /** Passed checks in a row that bring it back. */
  passAfter: number;
}

/**
 * Round robin over the healthy backends, in the order given. Every backend starts healthy; health checks
 * arrive through `report`.
 */
export class HealthCheckedBalancer {
  constructor(backends: string[], rules: HealthRules) {}

  /** The backend for the next request, or null when none is healthy. */
  pick(): string | null {
    return null;
  }

  /** The result of one health check of `backend`: ok is true when it answered in time. */
  report(backend: string, ok: boolean): void {}
}
