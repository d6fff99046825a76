// Wrong on purpose: compares the first backend listed with one drawn at random, so the first wins every tie and, on old counts, a herd.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view, random) => {
    const one = backends[0]!;
    const two = backends[Math.floor(random() * backends.length)]!;
    return view.inFlight[two]! < view.inFlight[one]! ? two : one;
  };
}
