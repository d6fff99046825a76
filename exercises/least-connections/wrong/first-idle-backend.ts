// Wrong on purpose: takes the first idle backend, and when none is idle, always the first backend.
export function leastConnections(backends: readonly string[], inFlight: Readonly<Record<string, number>>): string {
  for (const backend of backends) {
    if (inFlight[backend] === 0) return backend;
  }
  return backends[0]!;
}
