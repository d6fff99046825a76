// Filters the reachable replicas into a new array and sorts it (longest log, then smallest id) instead of one pass keeping the best.
export interface ReplicaStatus {
  id: string;
  appliedSeq: number;
  lastHeardMs: number;
  reachable: boolean;
}

export function choosePromotion(replicas: ReplicaStatus[]): string | null {
  const candidates = replicas
    .filter((replica) => replica.reachable)
    .sort((a, b) => b.appliedSeq - a.appliedSeq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return candidates.length > 0 ? candidates[0]!.id : null;
}
