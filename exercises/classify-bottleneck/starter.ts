/** What one step of the load test measured (latencies in whole ms). */
export interface StepResult {
  /** Users sending requests back to back at this step. */
  users: number;
  /** Requests completed in the step's measurement window. */
  requests: number;
  throughputPerSec: number;
  meanMs: number;
  /** Nearest rank: the ⌈p/100 · n⌉-th smallest latency of the step. */
  p50Ms: number;
  p99Ms: number;
  /** The slowest request of the step. */
  maxMs: number;
}

/** The capacity that these steps show: see the prompt for the rule. */
export function capacityFrom(steps: StepResult[], sloMs: number): number {
  return 0;
}

/** Drives the load test with `runStep(users)` and returns the capacity in users. */
export function findCapacity(runStep: (users: number) => StepResult, sloMs: number, maxUsers: number, maxSteps: number): number {
  const first = runStep(1);
  return capacityFrom([first], sloMs);
}
