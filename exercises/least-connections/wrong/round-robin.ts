// Wrong on purpose: round robin, blind to the load like uniform random, and so just as unkind to the slow backends.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  let turn = 0;
  return (backends) => backends[turn++ % backends.length]!;
}
