// Measures one and two users and extrapolates the p99 in a straight line to the SLO: a server that is flat at light load looks limitless.
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
  const one = runStep(1);
  const two = runStep(2);
  if (!meetsSlo(one, sloMs)) return 0;
  const perUser = two.p99Ms - one.p99Ms;
  if (perUser <= 0) return maxUsers;
  const users = Math.min(maxUsers, Math.floor(1 + (sloMs - one.p99Ms) / perUser));
  return meetsSlo(runStep(users), sloMs) ? users : capacityFrom([one, two], sloMs);
}
