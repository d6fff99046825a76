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
  // Any replica will do… or will it? Which one has the most of the old primary's writes?
  return replicas.length > 0 ? replicas[0]!.id : null;
}
