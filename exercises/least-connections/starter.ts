/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

/**
 * Makes the picker one balancer uses for every request it routes. `backends` lists the backends (at least one,
 * no name twice); `view.inFlight` gives each one's requests in flight as the balancer last heard, and
 * `view.ageMs` how long ago that was; use `random()`, not Math.random, for any random choice.
 */
export function createPicker(): Picker {
  // Least connections: the backend with the fewest requests in flight, the first listed on a tie.
  return (backends, view, random) => backends.reduce((best, backend) => (view.inFlight[backend]! < view.inFlight[best]! ? backend : best));
}
