/**
 * Turning tracing off for simulations built deep inside someone else's code. The testkit runs every graded
 * seed twice to prove the learner's code deterministic, and the second run is read only for its fingerprint,
 * which is the same with tracing on or off: `untraced(build)` makes every `Simulation` created while `build`
 * runs skip its trace, as if each had been given `trace: false`. Synchronous by design, like the simulation.
 */
let depth = 0;

export function untraced<T>(build: () => T): T {
  depth += 1;
  try {
    return build();
  } finally {
    depth -= 1;
  }
}

/** Whether new simulations are being built inside `untraced`. */
export function tracingSuppressed(): boolean {
  return depth > 0;
}
