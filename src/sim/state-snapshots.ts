/**
 * Turning state recording on for simulations built deep inside someone else's code. A failing test's seed is
 * run once more to be shown to the learner; the scenario that builds it does not know, and should not have to.
 * `withStateSnapshots` makes every `Simulation` created while `build` runs record states, as if each had been
 * given `snapshotState` (see types.ts, `SimulationOptions`). Synchronous by design, like the simulation itself.
 */
type Snapshot = (state: unknown) => unknown;

let current: Snapshot | undefined;

export function withStateSnapshots<T>(snapshot: Snapshot, build: () => T): T {
  const outer = current;
  current = snapshot;
  try {
    return build();
  } finally {
    current = outer;
  }
}

/** The snapshot function new simulations record states with, if any. */
export function ambientStateSnapshot(): Snapshot | undefined {
  return current;
}
