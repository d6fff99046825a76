// Wrong: breaks ties by the number in the id ('R2' before 'R10'), not by comparing the ids as strings.
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
    // A replica we cannot reach cannot take over, however complete its log.
    if (!replica.reachable) continue;
    // Every acknowledged write beyond the promoted replica's log is lost: take the longest log.
    const longer = best === null || replica.appliedSeq > best.appliedSeq;
    const tieWon = best !== null && replica.appliedSeq === best.appliedSeq && Number(replica.id.slice(1)) < Number(best.id.slice(1));
    if (longer || tieWon) best = replica;
  }
  return best === null ? null : best.id;
}
