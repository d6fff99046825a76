// Wrong on purpose: counts the request's way down but not the reply's way back up.
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
  const waiting = path.parallel ? Math.max(0, ...calls) : calls.reduce((sum, ms) => sum + ms, 0);
  return path.networkMs + path.workMs + waiting;
}
