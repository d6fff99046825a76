// Keeps one verdict per level in a Map and narrows a range of unknown levels, instead of pushing every step and bisecting two bounds.
export interface StepResult {
  users: number;
  requests: number;
  throughputPerSec: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function capacityFrom(steps: StepResult[], sloMs: number): number {
  const metAtLeastOnce = new Map<number, boolean>();
  for (const { users, p99Ms } of steps) metAtLeastOnce.set(users, (metAtLeastOnce.get(users) ?? false) || p99Ms <= sloMs);
  const levels = [...metAtLeastOnce.keys()].sort((a, b) => a - b);
  let capacity = 0;
  for (const users of levels) {
    if (!metAtLeastOnce.get(users)) break;
    capacity = users;
  }
  return capacity;
}

export function findCapacity(runStep: (users: number) => StepResult, sloMs: number, maxUsers: number, maxSteps: number): number {
  const seen: StepResult[] = [];
  let budget = maxSteps;
  const run = (users: number): boolean => {
    budget -= 1;
    const step = runStep(users);
    seen.push(step);
    return step.p99Ms <= sloMs;
  };
  // Levels from `first` to `last` are still unknown; everything below `first` met, everything above `last` failed.
  let first = 1;
  let last = maxUsers;
  while (first <= last) {
    const probe = first + Math.floor((last - first) / 2);
    // A hiccup never hits the same level twice in a row, so a level that misses twice is past the knee.
    const met = run(probe) || (budget > 0 && run(probe));
    if (met) first = probe + 1;
    else last = probe - 1;
  }
  return capacityFrom(seen, sloMs);
}
