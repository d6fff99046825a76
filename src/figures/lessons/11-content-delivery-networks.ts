/**
 * Lesson 11's figures, from real runs of the pull-CDN scenario:
 * - {@link pullCdnTimeline}: a handful of users in front of one edge. The first request misses and pays
 *   the trip to the origin; three more arriving meanwhile wait for the same fetch (request coalescing);
 *   later requests are hits; after the TTL the next request misses again.
 * - {@link originLoadAgainstTtl}: steady traffic at many TTLs, with and without coalescing: how many
 *   fetches per second reach the origin, and how out of date the served copies get.
 */
import type { Figure } from '../figure.ts';
import { linePlot } from '../plot.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { runPullCdn, summarisePullCdn, ttlEdgeCache, type PullCdnOptions } from '../../scenarios/pull-cdn.ts';

const SEED = 1;
export const TIMELINE_TTL_MS = 300;

function timelineRun(seed: number) {
  const at = (atMs: number) => ({ atMs, key: 'logo.png' });
  return runPullCdn(
    {
      makeCache: ttlEdgeCache,
      ttlMs: TIMELINE_TTL_MS,
      keys: ['logo.png'],
      publishEveryMs: 60_000,
      ratePerSec: 0,
      stopMs: 600,
      drainMs: 0,
      scripted: [at(0), at(20), at(30), at(50), at(150), at(260), at(420)],
    },
    seed,
  );
}

/** The timeline's request latencies (ms), in the order the requests were sent: what its caption quotes. */
export function pullCdnTimelineLatencies(seed = SEED): number[] {
  return timelineRun(seed)
    .history.filter((op) => op.completedAt !== undefined)
    .sort((a, b) => a.invokedAt - b.invokedAt)
    .map((op) => op.completedAt! - op.invokedAt);
}

export function pullCdnTimeline(seed = SEED): Figure {
  const run = timelineRun(seed);
  const fetches = run.originFetches.length;
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `A pull CDN edge with a ${TIMELINE_TTL_MS} ms TTL: ${run.history.length} requests, ${fetches} fetches from the origin (seed ${seed})`,
    history: run.history,
    fromMs: 0,
    toMs: 560,
  });
}

/** Steady traffic: 300 requests per second over 20 files whose content changes every 5 s. */
export const STEADY: Omit<PullCdnOptions, 'makeCache' | 'ttlMs'> = {
  keys: Array.from({ length: 20 }, (_, i) => `file${i + 1}.js`),
  publishEveryMs: 5_000,
  ratePerSec: 300,
  stopMs: 10_000,
};
export const TTLS_MS = [0, 100, 250, 500, 1000, 2000, 3000, 4000];

/** Origin fetches per second at each TTL, with and without coalescing. */
export function originLoadByTtl(seed = SEED) {
  const measure = (coalesce: boolean) =>
    TTLS_MS.map((ttlMs) => ({ ttlMs, summary: summarisePullCdn(runPullCdn({ ...STEADY, ttlMs, makeCache: (ttl) => ttlEdgeCache(ttl, coalesce) }, seed)) }));
  return { seed, coalesced: measure(true), uncoalesced: measure(false) };
}

export function originLoadAgainstTtl({ seed, coalesced, uncoalesced }: ReturnType<typeof originLoadByTtl> = originLoadByTtl()): Figure {
  return linePlot({
    title: `Fetches reaching the origin against the edge's TTL: ${STEADY.ratePerSec} requests per second over ${STEADY.keys.length} files (seed ${seed})`,
    x: { label: 'TTL (ms)', min: 0 },
    y: { label: 'origin fetches per second', min: 0 },
    series: [
      { name: 'every miss fetches', points: uncoalesced.map(({ ttlMs, summary }) => [ttlMs, Math.round(summary.originFetchesPerSec * 10) / 10]) },
      { name: 'misses coalesced', points: coalesced.map(({ ttlMs, summary }) => [ttlMs, Math.round(summary.originFetchesPerSec * 10) / 10]) },
    ],
  });
}
