/**
 * Metrics over a run: a latency histogram with nearest-rank percentiles exact to the bucket, throughput
 * over windows, availability and messages per operation. Integer arithmetic only, so every engine agrees.
 */
import type { History } from './history.ts';
import type { SimStats } from './types.ts';
import { SimConfigError } from './errors.ts';

/** Values below this get a bucket each; above it, 32 buckets per power of two (at most ~3% wide). */
const EXACT_BELOW = 64;
const SUB_BITS = 5;
const SUB_BUCKETS = 1 << SUB_BITS;
const MAX_VALUE = 0x7fff_ffff;
const BUCKETS = EXACT_BELOW + (31 - 6) * SUB_BUCKETS;

function bucketOf(value: number): number {
  if (value < EXACT_BELOW) return value;
  const exponent = 31 - Math.clz32(value);
  const sub = (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
  return EXACT_BELOW + (exponent - 6) * SUB_BUCKETS + sub;
}

function bucketRange(bucket: number): { low: number; high: number } {
  if (bucket < EXACT_BELOW) return { low: bucket, high: bucket };
  const exponent = ((bucket - EXACT_BELOW) >> SUB_BITS) + 6;
  const sub = (bucket - EXACT_BELOW) & (SUB_BUCKETS - 1);
  const width = 1 << (exponent - SUB_BITS);
  const low = (SUB_BUCKETS + sub) * width;
  return { low, high: low + width - 1 };
}

/**
 * The rank (1-based) of the q-quantile by the nearest-rank method: ceil(q · n), at least 1. q · n is
 * rounded to 9 decimals first so 0.07 · 100 counts as 7, not 7.000000000000001.
 */
export function nearestRank(q: number, count: number): number {
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) throw new SimConfigError('percentile: q', q, 'must be a number in [0, 1]');
  return Math.max(1, Math.ceil(Math.round(q * count * 1e9) / 1e9));
}

/** Latencies in whole milliseconds. Percentiles are nearest-rank, exact to the bucket; max is exact. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private smallest = Number.POSITIVE_INFINITY;
  private largest = Number.NEGATIVE_INFINITY;

  record(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_VALUE) {
      throw new SimConfigError('LatencyHistogram.record: ms', ms, `must be an integer from 0 to ${MAX_VALUE}`);
    }
    const bucket = bucketOf(ms);
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.total++;
    this.sum += ms;
    if (ms < this.smallest) this.smallest = ms;
    if (ms > this.largest) this.largest = ms;
  }

  get count(): number {
    return this.total;
  }
  get min(): number {
    this.requireValues('min');
    return this.smallest;
  }
  get max(): number {
    this.requireValues('max');
    return this.largest;
  }
  get mean(): number {
    this.requireValues('mean');
    return this.sum / this.total;
  }

  /** The bucket holding the nearest-rank q-quantile, clipped to the recorded min and max. */
  percentileRange(q: number): { low: number; high: number } {
    this.requireValues('percentile');
    const rank = nearestRank(q, this.total);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket] as number;
      if (seen >= rank) {
        const { low, high } = bucketRange(bucket);
        return { low: Math.max(low, this.smallest), high: Math.min(high, this.largest) };
      }
    }
    throw new Error('unreachable: ranks never exceed the count');
  }

  /** The q-quantile reported as its bucket's upper bound (never above the true maximum). */
  percentile(q: number): number {
    return this.percentileRange(q).high;
  }

  private requireValues(what: string): void {
    if (this.total === 0) throw new RangeError(`LatencyHistogram.${what}: no values recorded yet`);
  }
}

export interface ThroughputWindow {
  readonly startMs: number;
  readonly endMs: number;
  /** Operations that completed `ok` in [startMs, endMs). */
  readonly ok: number;
  readonly perSecond: number;
}

/** Successful completions per window of `windowMs`, from `fromMs` (default 0) up to `toMs` (default: the last completion). */
export function throughput(history: History, options: { readonly windowMs: number; readonly fromMs?: number; readonly toMs?: number }): ThroughputWindow[] {
  const { windowMs } = options;
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) throw new SimConfigError('throughput: windowMs', windowMs, 'must be a positive integer (ms)');
  const done = history.filter((op) => op.outcome === 'ok' && op.completedAt !== undefined);
  const fromMs = options.fromMs ?? 0;
  const toMs = options.toMs ?? done.reduce((max, op) => Math.max(max, (op.completedAt as number) + 1), fromMs);
  const windows: ThroughputWindow[] = [];
  for (let start = fromMs; start < toMs; start += windowMs) {
    const end = start + windowMs;
    const ok = done.filter((op) => (op.completedAt as number) >= start && (op.completedAt as number) < end).length;
    windows.push({ startMs: start, endMs: end, ok, perSecond: (ok * 1000) / windowMs });
  }
  return windows;
}

export interface Availability {
  readonly good: number;
  readonly total: number;
  /** good / total; 1 when nothing was asked (nothing was refused). */
  readonly ratio: number;
}

/** Request-based availability: `ok` answers over every decided request (ok, fail, unknown); pending ones are not counted. */
export function availability(history: History): Availability {
  let good = 0;
  let total = 0;
  for (const op of history) {
    if (op.outcome === 'pending') continue;
    total++;
    if (op.outcome === 'ok') good++;
  }
  return { good, total, ratio: total === 0 ? 1 : good / total };
}

/** Node-to-node messages per decided operation (client requests and replies not counted); 0 with no operations. */
export function messagesPerOperation(stats: SimStats, history: History): number {
  const decided = history.filter((op) => op.outcome !== 'pending').length;
  return decided === 0 ? 0 : stats.peerMessagesSent / decided;
}
