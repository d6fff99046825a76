// Wrong on purpose: any backend, each as likely. It never herds, but the slow backends get a third of the traffic, more than they can serve.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

export function createPicker(): Picker {
  return (backends, view, random) => backends[Math.floor(random() * backends.length)]!;
}
