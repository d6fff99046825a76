/**
 * What the TTL slider shows, shared by its build-time render (TtlSlider.astro) and its custom element
 * (ttl-slider-element.ts): one pull-CDN simulation run at a TTL, turned into labelled, formatted rows.
 * Pure: it runs in Node at build time and in the page.
 */
import { DEFAULT_LINKS, runPullCdn, summarisePullCdn, ttlEdgeCache, type PullCdnOptions, type PullCdnSummary } from '../../scenarios/pull-cdn.ts';

export const TTL_MIN_MS = 0;
export const TTL_MAX_MS = 5000;
export const TTL_STEP_MS = 250;
export const TTL_SEED = 1;

/** 200 requests per second over 10 files whose content the origin changes every 3 s. */
export const TTL_WORKLOAD: Omit<PullCdnOptions, 'ttlMs'> = {
  makeCache: ttlEdgeCache,
  keys: Array.from({ length: 10 }, (_, i) => `file${i + 1}.js`),
  publishEveryMs: 3000,
  ratePerSec: 200,
  stopMs: 10_000,
};

export type TtlStatKey = 'origin' | 'hits' | 'p50' | 'p99' | 'meanStale' | 'maxStale';

export interface TtlStatRow {
  readonly key: TtlStatKey;
  readonly label: string;
  readonly value: string;
}

export interface TtlReading {
  readonly ttlMs: number;
  readonly summary: PullCdnSummary;
  readonly rows: readonly TtlStatRow[];
  /** One sentence for screen readers, announced after each change. */
  readonly announcement: string;
  /** What the run was, in words. */
  readonly note: string;
}

const ms = (value: number) => `${Math.round(value)} ms`;

export function isTtlOnSlider(ttlMs: number): boolean {
  return Number.isInteger(ttlMs) && ttlMs >= TTL_MIN_MS && ttlMs <= TTL_MAX_MS && ttlMs % TTL_STEP_MS === 0;
}

export function readTtl(ttlMs: number): TtlReading {
  if (!isTtlOnSlider(ttlMs)) throw new RangeError(`TTL slider: ${ttlMs} ms is not a step of ${TTL_STEP_MS} ms from ${TTL_MIN_MS} to ${TTL_MAX_MS} ms`);
  const summary = summarisePullCdn(runPullCdn({ ...TTL_WORKLOAD, ttlMs }, TTL_SEED));
  const origin = `${summary.originFetchesPerSec.toFixed(1)} per second`;
  const hits = `${Math.round(summary.hitRatio * 100)}%`;
  const rows: TtlStatRow[] = [
    { key: 'origin', label: 'Fetches reaching the origin', value: origin },
    { key: 'hits', label: 'Requests answered from the edge’s copy', value: hits },
    { key: 'p50', label: 'p50 latency', value: ms(summary.p50LatencyMs) },
    { key: 'p99', label: 'p99 latency', value: ms(summary.p99LatencyMs) },
    { key: 'meanStale', label: 'Mean staleness of an answer', value: ms(summary.meanStaleMs) },
    { key: 'maxStale', label: 'Worst staleness', value: ms(summary.maxStaleMs) },
  ];
  return {
    ttlMs,
    summary,
    rows,
    announcement: `TTL ${ttlMs} ms: the origin gets ${origin}, ${hits} of requests are hits, and the worst answer is ${ms(summary.maxStaleMs)} out of date.`,
    note: `One edge 5 ms from its users and ${DEFAULT_LINKS.edgeOriginMs} ms from the origin; ${TTL_WORKLOAD.ratePerSec} random requests per second over ${TTL_WORKLOAD.keys.length} files for ${TTL_WORKLOAD.stopMs / 1000} s of virtual time (seed ${TTL_SEED}); the origin publishes new versions every ${TTL_WORKLOAD.publishEveryMs / 1000} s; misses are coalesced. Staleness: how long ago a newer version was published when the answer left the edge.`,
  };
}

/** The slider's spoken value. */
export function ttlValueText(ttlMs: number): string {
  return ttlMs === 0 ? '0 ms: every request goes to the origin' : `${ttlMs} ms`;
}
