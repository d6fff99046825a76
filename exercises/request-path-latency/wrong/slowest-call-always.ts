// Wrong on purpose: waits only for the slowest call even when the calls run one after another.
export interface Hop {
  node: string;
  networkMs: number;
  backMs: number;
  workMs: number;
  calls?: Hop[];
  parallel?: boolean;
}

export function endToEndLatency(path: Hop): number {
  const waiting = Math.max(0, ...(path.calls ?? []).map((call) => endToEndLatency(call)));
  return path.networkMs + path.workMs + waiting + path.backMs;
}
