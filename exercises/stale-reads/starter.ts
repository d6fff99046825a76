/** One operation on the register, as a client recorded it (times in virtual ms). */
export interface Operation {
  id: number;
  client: string;
  f: 'read' | 'write';
  /** The value written (writes only). */
  input?: unknown;
  /** The value returned (successful reads only). */
  output?: unknown;
  invokedAt: number;
  /** When the client saw the reply or gave up; absent while pending. */
  completedAt?: number;
  outcome: 'ok' | 'fail' | 'unknown' | 'pending';
}

/** The ids of the reads that returned a value already overwritten before they began, in increasing order. */
export function findStaleReads(history: Operation[]): number[] {
  // A first guess: a read is stale if it did not return the last value written. Is that fair to every read?
  const writes = history.filter((op) => op.f === 'write');
  const last = writes[writes.length - 1];
  return history.filter((op) => op.f === 'read' && op.outcome === 'ok' && last !== undefined && op.output !== last.input).map((op) => op.id);
}
