// A class that trusts a fresh view with least connections, and only falls back to two random choices once the counts are old.
/** The balancer's view of the backends' load: requests in flight at each, as they were `ageMs` ago. */
export interface LoadView {
  readonly inFlight: Readonly<Record<string, number>>;
  readonly ageMs: number;
}

/** Picks the backend for one request; `random()` returns a number in [0, 1). */
export type Picker = (backends: readonly string[], view: LoadView, random: () => number) => string;

class FreshOrTwoChoices {
  pick(backends: readonly string[], view: LoadView, random: () => number): string {
    const load = (backend: string) => view.inFlight[backend]!;
    if (view.ageMs === 0) {
      let best = backends[0]!;
      for (const backend of backends) if (load(backend) < load(best)) best = backend;
      return best;
    }
    const a = backends[Math.floor(random() * backends.length)]!;
    const rest = backends.filter((backend) => backend !== a);
    const b = rest.length === 0 ? a : rest[Math.floor(random() * rest.length)]!;
    return load(b) < load(a) ? b : a;
  }
}

export function createPicker(): Picker {
  const policy = new FreshOrTwoChoices();
  return (backends, view, random) => policy.pick(backends, view, random);
}
