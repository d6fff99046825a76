// Reduces over the list to the index of the smallest count (keeping the earlier index on ties), instead of a loop over names.
export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  const counts = backends.map((name) => inFlight[name]!);
  const winner = counts.reduce((best, count, index) => (count < counts[best]! ? index : best), 0);
  return backends[winner]!;
}
