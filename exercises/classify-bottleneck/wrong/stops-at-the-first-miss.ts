// Believes the first miss at a level: a step that a hiccup hit ends the search below the knee.
/** What one step of the load test measured (latencies in whole ms). */
export interface StepResult {
  users: number;
  requests: number;
  throughputPerSec: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function meetsSlo(step: StepResult, sloMs: number): boolean {
  return step.p99Ms <= sloMs;
}

/** The highest level that met the SLO below every level that failed; a level fails when none of its runs met it. */
export function capacityFrom(steps: StepResult[], sloMs: number): number {
  const met = new Set<number>();
  const missed = new Set<number>();
  for (const step of steps) (meetsSlo(step, sloMs) ? met : missed).add(step.users);
  const failed = [...missed].filter((users) => !met.has(users));
  const ceiling = Math.min(Infinity, ...failed);
  return Math.max(0, ...[...met].filter((users) => users < ceiling));
}

export function findCapacity(runStep: (users: number) => StepResult, sloMs: number, maxUsers: number, maxSteps: number): number {
  const steps: StepResult[] = [];
  const meets = (users: number): boolean => {
    const step = runStep(users);
    steps.push(step);
    return meetsSlo(step, sloMs);
  };
  // Binary search for the knee: `low` meets the SLO (0 users trivially), `high` does not (one past the range).
  let low = 0;
  let high = maxUsers + 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (meets(middle)) low = middle;
    else high = middle;
  }
  return capacityFrom(steps, sloMs);
}
