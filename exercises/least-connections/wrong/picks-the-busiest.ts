// Wrong on purpose: compares the wrong way round and sends each request to the backend with the most in flight.
export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  let best = backends[0]!;
  for (const backend of backends) {
    if (inFlight[backend]! > inFlight[best]!) best = backend;
  }
  return best;
}
