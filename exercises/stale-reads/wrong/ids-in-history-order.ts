// Wrong: returns the stale reads in the order the history lists them, not sorted by id; right only while the
// history happens to come in id order.
import type { Operation } from '../solution.ts';

export function findStaleReads(history: Operation[]): number[] {
  const writes = history.filter((op) => op.f === 'write' && op.outcome !== 'fail');
  const acknowledged = writes.filter((op) => op.outcome === 'ok');
  const stale: number[] = [];
  for (const read of history) {
    if (read.f !== 'read' || read.outcome !== 'ok') continue;
    const source = read.output === null ? 'initial' : writes.find((write) => write.input === read.output);
    if (source === undefined) continue;
    const overwritten = acknowledged.some(
      (later) => later.completedAt! < read.invokedAt && (source === 'initial' || (source.outcome === 'ok' && source.completedAt! < later.invokedAt)),
    );
    if (overwritten) stale.push(read.id);
  }
  return stale;
}
