// Wrong: starts the search from a "large enough" count of 1000, so when every backend has 1000 or more requests
// in flight it never finds one and sends everything to the first.
export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  let best = backends[0]!;
  let fewest = 1000;
  for (const backend of backends) {
    if (inFlight[backend]! < fewest) {
      fewest = inFlight[backend]!;
      best = backend;
    }
  }
  return best;
}
