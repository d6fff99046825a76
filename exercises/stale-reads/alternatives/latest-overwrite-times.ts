// Indexes writes by value in a Map and, per read, compares against the earliest acknowledgement of a write that overwrote its source, instead of testing every acknowledged write with some().
export interface Operation {
  id: number;
  client: string;
  f: 'read' | 'write';
  input?: unknown;
  output?: unknown;
  invokedAt: number;
  completedAt?: number;
  outcome: 'ok' | 'fail' | 'unknown' | 'pending';
}

export function findStaleReads(history: Operation[]): number[] {
  const writeByValue = new Map<unknown, Operation>();
  const acked: Operation[] = [];
  for (const op of history) {
    if (op.f !== 'write' || op.outcome === 'fail') continue;
    writeByValue.set(op.input, op);
    if (op.outcome === 'ok') acked.push(op);
  }
  /** When the source's value was first certainly overwritten (Infinity: never). */
  const overwrittenAt = (source: Operation | null): number => {
    if (source !== null && source.outcome !== 'ok') return Infinity;
    let earliest = Infinity;
    for (const w of acked) {
      if (source === null || source.completedAt! < w.invokedAt) earliest = Math.min(earliest, w.completedAt!);
    }
    return earliest;
  };
  const stale: number[] = [];
  for (const read of history) {
    if (read.f !== 'read' || read.outcome !== 'ok') continue;
    const source = read.output === null ? null : writeByValue.get(read.output);
    if (source === undefined) continue;
    if (overwrittenAt(source) < read.invokedAt) stale.push(read.id);
  }
  return stale.sort((a, b) => a - b);
}
