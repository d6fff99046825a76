// Wrong on purpose: rounds the random index instead of flooring it, so a draw near 1 names a backend past the end of the list.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view, random) => {
    const a = backends[Math.round(random() * backends.length)]!;
    const b = backends[Math.round(random() * backends.length)]!;
    return view.inFlight[b]! < view.inFlight[a]! ? b : a;
  };
}
