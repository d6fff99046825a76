/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view, random) => {
    // Two backends drawn at random, each draw on its own (as in Mitzenmacher's model: both may be the same).
    const one = backends[Math.floor(random() * backends.length)]!;
    const two = backends[Math.floor(random() * backends.length)]!;
    // The less loaded of the two by the view, however old it is. The backend that looks least loaded is in
    // only some of the draws, so until the counts change it gets a share of the requests, not all of them.
    return view.inFlight[two]! < view.inFlight[one]! ? two : one;
  };
}
