// Wrong: waits for the slowest of the parallel calls with Math.max(...calls), which is -Infinity when the list
// of calls is empty.
/** One hop of a request's path: the link to a node, the node's own work, and the calls it makes. */
export interface Hop {
  node: string;
  networkMs: number;
  backMs: number;
  workMs: number;
  calls?: Hop[];
  parallel?: boolean;
}

export function endToEndLatency(path: Hop): number {
  const calls = (path.calls ?? []).map((call) => endToEndLatency(call));
  // Parallel calls all start together, so the node waits for the slowest; sequential calls add up.
  const waiting = path.parallel ? Math.max(...calls) : calls.reduce((sum, ms) => sum + ms, 0);
  return path.networkMs + path.workMs + waiting + path.backMs;
}
