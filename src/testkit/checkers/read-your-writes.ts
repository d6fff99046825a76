/**
 * Read-your-writes, per client: once a client's write W was acknowledged, every later read by the same
 * client (invoked at or after W.completedAt, same key) must return W's value or the value of a write not
 * certainly older than W (one that was still running, or began, after W was invoked — by anyone).
 */
import type { History, Operation } from '../../sim/history.ts';
import { overwrites, operationsByKey, sourcesOf, type RegisterReadOptions } from './register-reads.ts';
import { formatValue, MAX_CULPRITS, PASS, type CheckResult } from './result.ts';

/** A read that did not reflect its own client's earlier acknowledged write, with that write. */
export interface ReadYourWritesViolation {
  readonly read: Operation;
  /** The client's latest acknowledged write before the read, which the read failed to reflect. */
  readonly ownWrite: Operation;
}

function latestOwnWrite(read: Operation, writes: readonly Operation[]): Operation | null {
  let latest: Operation | null = null;
  for (const write of writes) {
    if (write.client !== read.client || write.outcome !== 'ok' || write.completedAt! > read.invokedAt) continue;
    if (latest === null || write.completedAt! > latest.completedAt!) latest = write;
  }
  return latest;
}

/**
 * Every read that missed its client's latest write to that key acknowledged before the read began,
 * earliest read first; empty when read-your-writes held.
 */
export function readYourWritesViolations(
  history: History,
  options: RegisterReadOptions = {},
): readonly ReadYourWritesViolation[] {
  return judgeReadYourWrites(history, options).violations;
}

/** The violations, and how many reads came after their client's own acknowledged write (the reads judged). */
function judgeReadYourWrites(history: History, options: RegisterReadOptions): { violations: ReadYourWritesViolation[]; judged: number } {
  const initial = options.initial ?? null;
  const violations: ReadYourWritesViolation[] = [];
  let judged = 0;
  for (const { writes, reads } of operationsByKey(history, options)) {
    for (const read of reads) {
      const ownWrite = latestOwnWrite(read, writes);
      if (ownWrite === null) continue;
      judged += 1;
      const sources = sourcesOf(read, writes, initial);
      if (sources.every((source) => overwrites(ownWrite, source))) violations.push({ read, ownWrite });
    }
  }
  violations.sort((a, b) => a.read.invokedAt - b.read.invokedAt || a.read.id - b.read.id);
  return { violations, judged };
}

/**
 * Checks read-your-writes per client: once a client's write is acknowledged, its later reads of that key
 * return that value or one not certainly older. Returns a `CheckResult` naming the first read that missed.
 */
export function checkReadYourWrites(history: History, options: RegisterReadOptions = {}): CheckResult {
  const { violations, judged } = judgeReadYourWrites(history, options);
  if (judged === 0) {
    return {
      ok: false,
      property: 'No client read a key after its own write to it was acknowledged, so there is nothing to judge for read-your-writes.',
      details: [],
      culprits: [],
    };
  }
  const first = violations[0];
  if (first === undefined) return PASS;
  const { read, ownWrite } = first;
  return {
    ok: false,
    property: `Each client must see its own acknowledged writes (read-your-writes), but ${read.client} read ${formatValue(read.output)} at ${read.invokedAt}–${read.completedAt} ms after its own ${ownWrite.f} of ${formatValue(ownWrite.input)} was acknowledged at ${ownWrite.completedAt} ms.`,
    details: [
      `${violations.length} read(s) missed the reader's own write.`,
      ...violations.slice(1, MAX_CULPRITS).map(
        (v) => `${v.read.client} read ${formatValue(v.read.output)} at ${v.read.invokedAt} ms after writing ${formatValue(v.ownWrite.input)} (acknowledged at ${v.ownWrite.completedAt} ms)`,
      ),
    ],
    culprits: [ownWrite, read],
  };
}
