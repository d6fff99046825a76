// Wrong on purpose: always the backend the view shows least loaded. With counts 100 ms old, every request until they change goes to the same backend: the herd.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view) => {
    let best = backends[0]!;
    for (const backend of backends) {
      if (view.inFlight[backend]! < view.inFlight[best]!) best = backend;
    }
    return best;
  };
}
