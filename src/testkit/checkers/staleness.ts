/**
 * Bounded staleness for a register (or each key of a store), defined on the history alone:
 *
 *   A successful read R is *stale beyond B ms* when every write that could have produced its value was
 *   certainly overwritten by a write W that was acknowledged more than B ms before R was invoked
 *   (R.invokedAt − W.completedAt > B).
 *
 * "Certainly overwritten" means W was acknowledged and was invoked after the source write was acknowledged
 * (see `overwrites`); the initial value is overwritten by any acknowledged write. So a read may miss a
 * write acknowledged at most B ms before it began, or one concurrent with it, but nothing older. With
 * B = 0 this counts the reads a linearizable register could never return because of real-time order
 * alone: the "stale reads" of lessons 06–08. Values that no write sent are reported separately.
 */
import type { History, Operation } from '../../sim/history.ts';
import { overwrites, operationsByKey, sourcesOf, type RegisterReadOptions } from './register-reads.ts';
import { describeOperation, formatValue, MAX_CULPRITS, PASS, type CheckResult } from './result.ts';

/**
 * Register-read options plus `boundMs`: how long (ms) a write may have been acknowledged before a read
 * began and the read still miss it (default 0).
 */
export interface StalenessOptions extends RegisterReadOptions {
  /** B above, in ms (default 0). */
  readonly boundMs?: number;
}

/**
 * A read that was stale beyond the bound: the read, the write it missed, and how many ms before the read
 * began that write was acknowledged.
 */
export interface StaleRead {
  readonly read: Operation;
  /** The latest acknowledged write, old enough, that overwrote every possible source of the value read. */
  readonly missed: Operation;
  /** How long before the read began `missed` was acknowledged. */
  readonly staleByMs: number;
}

/**
 * What `analyseStaleness` found: the stale reads, the reads of values no write sent, and how many
 * successful reads it examined.
 */
export interface StalenessReport {
  readonly stale: readonly StaleRead[];
  /** Reads that returned a value no write (that may have happened) ever sent. */
  readonly unexplained: readonly Operation[];
  /** Successful reads examined. */
  readonly reads: number;
}

/** Latest write that overwrote `source` and was acknowledged more than `boundMs` before `read` began. */
function latestOverwrite(read: Operation, source: Operation | 'initial', writes: readonly Operation[], boundMs: number) {
  let latest: Operation | null = null;
  for (const write of writes) {
    if (!overwrites(write, source) || read.invokedAt - write.completedAt! <= boundMs) continue;
    if (latest === null || write.completedAt! > latest.completedAt!) latest = write;
  }
  return latest;
}

/**
 * Examines every successful read for staleness beyond `boundMs` (default 0) and returns a
 * `StalenessReport`, reads earliest first, for tests that need counts rather than a verdict.
 */
export function analyseStaleness(history: History, options: StalenessOptions = {}): StalenessReport {
  const boundMs = options.boundMs ?? 0;
  const initial = options.initial ?? null;
  const stale: StaleRead[] = [];
  const unexplained: Operation[] = [];
  let reads = 0;
  for (const { writes, reads: keyReads } of operationsByKey(history, options)) {
    for (const read of keyReads) {
      reads += 1;
      const sources = sourcesOf(read, writes, initial);
      if (sources.length === 0) {
        unexplained.push(read);
        continue;
      }
      // The most charitable source decides: stale only if even the freshest one was overwritten.
      let freshest: StaleRead | null = null;
      for (const source of sources) {
        const missed = latestOverwrite(read, source, writes, boundMs);
        if (missed === null) {
          freshest = null;
          break;
        }
        const staleByMs = read.invokedAt - missed.completedAt!;
        if (freshest === null || staleByMs < freshest.staleByMs) freshest = { read, missed, staleByMs };
      }
      if (freshest !== null) stale.push(freshest);
    }
  }
  const byTime = (a: Operation, b: Operation) => a.invokedAt - b.invokedAt || a.id - b.id;
  stale.sort((a, b) => byTime(a.read, b.read));
  unexplained.sort(byTime);
  return { stale, unexplained, reads };
}

/** The reads that are stale beyond `boundMs` (default 0: any read that missed an earlier acknowledged write). */
export function staleReads(history: History, options: StalenessOptions = {}): readonly StaleRead[] {
  return analyseStaleness(history, options).stale;
}

/**
 * Checks that no read missed a write acknowledged more than `boundMs` ms (default 0) before it began, and
 * that every read returned a written value. Returns a `CheckResult` naming the first stale read, or else
 * the first read of a value no write sent.
 */
export function checkBoundedStaleness(history: History, options: StalenessOptions = {}): CheckResult {
  const boundMs = options.boundMs ?? 0;
  const { stale, unexplained, reads } = analyseStaleness(history, options);
  const rule =
    boundMs === 0
      ? 'A read must not miss a write acknowledged before it began'
      : `A read must not miss a write acknowledged more than ${boundMs} ms before it began`;
  if (reads === 0) {
    return {
      ok: false,
      property: `${rule}, but the history holds no successful read, so there is nothing to judge: a system that answers no read is never stale.`,
      details: [],
      culprits: [],
    };
  }
  const first = stale[0];
  if (first !== undefined) {
    const { read, missed, staleByMs } = first;
    return {
      ok: false,
      property: `${rule}, but the read by ${read.client} at ${read.invokedAt}–${read.completedAt} ms returned ${formatValue(read.output)} although ${missed.f} ${formatValue(missed.input)} by ${missed.client} was acknowledged ${staleByMs} ms before it began, at ${missed.completedAt} ms.`,
      details: [
        `${stale.length} of ${reads} reads were stale.`,
        ...stale.slice(0, MAX_CULPRITS).map((s) => `${describeOperation(s.read)} missed ${describeOperation(s.missed)}`),
      ],
      culprits: [missed, read],
    };
  }
  const unexplainedRead = unexplained[0];
  if (unexplainedRead !== undefined) {
    return {
      ok: false,
      property: `${rule}, and may only return written values, but the read by ${unexplainedRead.client} at ${unexplainedRead.invokedAt}–${unexplainedRead.completedAt} ms returned ${formatValue(unexplainedRead.output)}, which no write sent.`,
      details: [`${unexplained.length} of ${reads} reads returned values no write sent.`],
      culprits: unexplained.slice(0, MAX_CULPRITS),
    };
  }
  return PASS;
}
