// Wrong on purpose: uses >= when comparing logs, so on a tie the replica listed last wins instead of the smallest id.
/** What the fail-over controller knows about one replica after the primary has died. */
export interface ReplicaStatus {
  /** "R1", "R2", … */
  id: string;
  /** The sequence number of the last log entry this replica has applied (0: none yet). */
  appliedSeq: number;
  /** When it last heard from the primary (virtual ms; -1: never). */
  lastHeardMs: number;
  /** Whether the controller can reach it now. */
  reachable: boolean;
}

/** The id of the replica to promote to primary, or null when none can be. */
export function choosePromotion(replicas: ReplicaStatus[]): string | null {
  let best: ReplicaStatus | null = null;
  for (const replica of replicas) {
    if (!replica.reachable) continue;
    if (best === null || replica.appliedSeq >= best.appliedSeq) best = replica;
  }
  return best === null ? null : best.id;
}
