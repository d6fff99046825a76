// Wrong on purpose: the less loaded of the first two backends listed, every time; the other four get nothing.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view) => {
    const a = backends[0]!;
    const b = backends[1] ?? a;
    return view.inFlight[b]! < view.inFlight[a]! ? b : a;
  };
}
