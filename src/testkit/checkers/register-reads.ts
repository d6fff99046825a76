/**
 * Where a register read's value can have come from, and when a value is certainly overwritten. Shared by
 * the staleness and read-your-writes checkers, which both ask "did this read return an overwritten value?".
 *
 * Assumes each write writes a distinct value (the workloads do: client id + counter); if two writes wrote
 * the same value, a read is matched to whichever of them makes it least stale.
 */
import type { History, Operation } from '../../sim/history.ts';
import { sameValue } from './result.ts';

/**
 * For the staleness and read-your-writes checkers: which operation names write and read the register
 * (default `write` and `read`) and its value before any write (default `null`).
 */
export interface RegisterReadOptions {
  /** Operation names that write their `input` (default `['write']`). */
  readonly writeOps?: readonly string[];
  /** Operation names that read (default `['read']`). */
  readonly readOps?: readonly string[];
  /** The value before any write (default `null`). */
  readonly initial?: unknown;
}

/** The writes and the successful reads of one key ('' for a single register). */
export interface KeyOperations {
  readonly key: string;
  readonly writes: readonly Operation[];
  readonly reads: readonly Operation[];
}

/** Writes that may have happened (not refused) and reads that returned, grouped by key in key order. */
export function operationsByKey(history: History, options: RegisterReadOptions = {}): KeyOperations[] {
  const writeOps = options.writeOps ?? ['write'];
  const readOps = options.readOps ?? ['read'];
  const byKey = new Map<string, { writes: Operation[]; reads: Operation[] }>();
  for (const op of history) {
    const isWrite = writeOps.includes(op.f) && op.outcome !== 'fail';
    const isRead = readOps.includes(op.f) && op.outcome === 'ok';
    if (!isWrite && !isRead) continue;
    const key = op.key ?? '';
    const group = byKey.get(key) ?? { writes: [], reads: [] };
    (isWrite ? group.writes : group.reads).push(op);
    byKey.set(key, group);
  }
  return [...byKey.keys()].sort().map((key) => ({ key, ...byKey.get(key)! }));
}

/**
 * The writes that could have produced the value `read` returned; `'initial'` stands for the value
 * before any write. Empty when no write that may have happened sent it.
 */
export function sourcesOf(read: Operation, writes: readonly Operation[], initial: unknown): (Operation | 'initial')[] {
  const sources: (Operation | 'initial')[] = writes.filter((write) => sameValue(write.input, read.output));
  if (sameValue(read.output ?? null, initial)) sources.push('initial');
  return sources;
}

/**
 * True when `later` certainly overwrote `source` in real time: `later` was acknowledged and began after
 * `source` was acknowledged (the initial value is overwritten by any acknowledged write). A write in
 * doubt may take effect at any time, so it is never certainly overwritten.
 */
export function overwrites(later: Operation, source: Operation | 'initial'): boolean {
  if (later.outcome !== 'ok') return false;
  if (source === 'initial') return true;
  return source !== later && source.outcome === 'ok' && source.completedAt! < later.invokedAt;
}
