// Wrong: `≤` where the rule says `<`: a write invoked at the very moment the source write was acknowledged counts
// as certainly later, though the two touch and have no order — and a write that took 0 ms even overwrites itself.
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
  // A failed write certainly never happened; a write in doubt may still take effect at any time.
  const writes = history.filter((op) => op.f === 'write' && op.outcome !== 'fail');
  const acknowledged = writes.filter((op) => op.outcome === 'ok');
  const stale: number[] = [];
  for (const read of history) {
    if (read.f !== 'read' || read.outcome !== 'ok') continue;
    const source = read.output === null ? 'initial' : writes.find((write) => write.input === read.output);
    if (source === undefined) continue;
    const overwritten = acknowledged.some(
      (later) =>
        later.completedAt! < read.invokedAt &&
        (source === 'initial' || (source.outcome === 'ok' && source.completedAt! <= later.invokedAt)),
    );
    if (overwritten) stale.push(read.id);
  }
  return stale.sort((a, b) => a - b);
}
