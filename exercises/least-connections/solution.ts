export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  let best = backends[0]!;
  for (const backend of backends) {
    // Strictly fewer: on a tie the backend listed first keeps its place.
    if (inFlight[backend]! < inFlight[best]!) best = backend;
  }
  return best;
}
