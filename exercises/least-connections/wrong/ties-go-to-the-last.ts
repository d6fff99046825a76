// Wrong on purpose: breaks ties in favour of the backend listed last.
export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  let best = backends[0]!;
  for (const backend of backends) {
    if (inFlight[backend]! <= inFlight[best]!) best = backend;
  }
  return best;
}
