// Draws two different backends (the second index steps over the first), where the solution's two draws may repeat.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view, random) => {
    const first = Math.floor(random() * backends.length);
    const other = Math.floor(random() * (backends.length - 1));
    const second = other < first ? other : other + 1;
    const a = backends[first]!;
    const b = backends[second] ?? a;
    return view.inFlight[b]! < view.inFlight[a]! ? b : a;
  };
}
