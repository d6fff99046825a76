// Wrong on purpose: assumes the reply takes as long as the request (2 × networkMs), ignoring backMs.
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
  return 2 * path.networkMs + path.workMs + waiting;
}
