// Wrong on purpose: adds up parallel calls as if they ran one after another.
export interface Hop {
  node: string;
  networkMs: number;
  backMs: number;
  workMs: number;
  calls?: Hop[];
  parallel?: boolean;
}

export function endToEndLatency(path: Hop): number {
  const waiting = (path.calls ?? []).reduce((sum, call) => sum + endToEndLatency(call), 0);
  return path.networkMs + path.workMs + waiting + path.backMs;
}
