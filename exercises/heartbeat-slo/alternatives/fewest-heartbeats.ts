// Spends less of the budget: a heartbeat every 200 ms (5 a second) and 3 missed beats (600 ms of silence), detecting a crash more slowly but within the deadline.
const FEWEST = { intervalMs: 200, missedBeats: 3 } as const;

export function heartbeatSettings(): { intervalMs: number; missedBeats: number } {
  return { ...FEWEST };
}
