/**
 * A pull CDN: users ask an edge server near them for files; on a miss the edge fetches the file from a
 * distant origin, keeps it for a time to live (TTL) and serves later requests from its copy. The origin
 * publishes a new version of every file at a steady pace, so a copy can be out of date while the edge
 * still serves it: that is the staleness the TTL bounds.
 *
 * The edge's cache policy is plugged in (a learner's, or {@link ttlEdgeCache} for figures). It answers one
 * question per request — serve the copy, fetch from the origin, or wait for a fetch already on its way —
 * and is told when a fetched body arrives. The edge itself keeps the waiting requests and answers them
 * when the body comes, so a policy that says "wait" with no fetch out leaves its users hanging.
 */
import { Simulation } from '../sim/index.ts';
import type { ClientRequest, History, NodeBehaviour } from '../sim/index.ts';
import { startOpenLoop } from './open-loop.ts';

/** What the edge does with one request. */
export type Lookup = { readonly kind: 'hit'; readonly body: string } | { readonly kind: 'fetch' } | { readonly kind: 'wait' };

/** What the edge needs from a cache policy. Times are virtual ms. */
export interface EdgeCacheLike {
  lookup(key: string, now: number): Lookup;
  fill(key: string, body: string, now: number): void;
}

export type MakeEdgeCache = (ttlMs: number) => EdgeCacheLike;

/**
 * The CDN's own policy, used by figures and the interactive slider: a copy is fresh for `ttlMs` after it
 * arrived; with `coalesce`, one fetch per file is out at a time and later misses wait for it.
 */
export function ttlEdgeCache(ttlMs: number, coalesce = true): EdgeCacheLike {
  const copies = new Map<string, { readonly body: string; readonly arrivedAt: number }>();
  const fetching = new Set<string>();
  return {
    lookup: (key, now) => {
      const copy = copies.get(key);
      if (copy !== undefined && now - copy.arrivedAt < ttlMs) return { kind: 'hit', body: copy.body };
      if (coalesce && fetching.has(key)) return { kind: 'wait' };
      fetching.add(key);
      return { kind: 'fetch' };
    },
    fill: (key, body, now) => {
      copies.set(key, { body, arrivedAt: now });
      fetching.delete(key);
    },
  };
}

export const EDGE = 'edge';
export const ORIGIN = 'origin';

/** The link settings of a pull CDN: users are near the edge, the origin is far from it. */
export interface PullCdnLinks {
  /** One way, user ↔ edge. */
  readonly userEdgeMs: number;
  /** One way, edge ↔ origin. */
  readonly edgeOriginMs: number;
}

export const DEFAULT_LINKS: PullCdnLinks = { userEdgeMs: 5, edgeOriginMs: 40 };

export interface PullCdnOptions {
  readonly makeCache: MakeEdgeCache;
  readonly ttlMs: number;
  /** The files users ask for; each request picks one at random. */
  readonly keys: readonly string[];
  /** The origin publishes version n of every file at n × publishEveryMs (version 0 at the start). */
  readonly publishEveryMs: number;
  /** Random user requests (open loop); 0 for none. */
  readonly ratePerSec: number;
  readonly stopMs: number;
  /** Requests at fixed times, each from its own user (`r1`, `r2`, …): exact stories, flash crowds. */
  readonly scripted?: readonly { readonly atMs: number; readonly key: string }[];
  readonly links?: PullCdnLinks;
  /** How long after `stopMs` the run goes on (default 2 s), so every request can be answered. */
  readonly drainMs?: number;
}

/** One answer the edge gave: when, which file, which version, and how stale that version was then. */
export interface ServedCopy {
  readonly at: number;
  readonly key: string;
  readonly version: number;
  /** ms since a newer version was published at the origin (0 if the copy was current). */
  readonly staleMs: number;
  /** Served from the edge's copy (true) or straight from an origin fetch (false). */
  readonly hit: boolean;
  /**
   * A hit whose body the origin never sent the edge for this key: the cache policy made it up. Its `version`
   * is what the forged body claims, so judge it by this flag, not by its staleness.
   */
  readonly forged: boolean;
  readonly op: number;
}

/** One fetch the origin answered. */
export interface OriginFetch {
  readonly at: number;
  readonly key: string;
  readonly version: number;
}

export interface PullCdnRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  readonly served: readonly ServedCopy[];
  readonly originFetches: readonly OriginFetch[];
  readonly options: PullCdnOptions;
}

type CdnMessage = { readonly type: 'fetch'; readonly key: string } | { readonly type: 'body'; readonly key: string; readonly body: string };

/** "fetch logo.png", "body logo.png@v3". */
function describeCdnMessage(message: unknown): string {
  const m = message as CdnMessage;
  return m.type === 'fetch' ? `fetch ${m.key}` : `body ${m.body}`;
}

export function versionAt(options: Pick<PullCdnOptions, 'publishEveryMs'>, timeMs: number): number {
  return Math.floor(timeMs / options.publishEveryMs);
}

/** "logo.png@v3" → 3. */
function versionOf(body: string): number {
  return Number(body.slice(body.lastIndexOf('@v') + 2));
}

export function runPullCdn(options: PullCdnOptions, seed: number): PullCdnRun {
  const links = options.links ?? DEFAULT_LINKS;
  const sim = new Simulation({ seed, trace: true, describeMessage: describeCdnMessage, maxEvents: 2_000_000 });
  sim.network.setDefault({ latency: { kind: 'constant', ms: links.userEdgeMs } });
  const served: ServedCopy[] = [];
  const originFetches: OriginFetch[] = [];

  sim.addNode(EDGE, (): NodeBehaviour<CdnMessage> => {
    const cache = options.makeCache(options.ttlMs);
    const waiting = new Map<string, ClientRequest[]>();
    // The bodies the origin delivered, per key: the evidence a hit is judged by, never what the policy says.
    const delivered = new Map<string, Set<string>>();
    const answer = (now: number, request: ClientRequest, key: string, body: string, hit: boolean, reply: () => void): void => {
      const version = versionOf(body);
      const current = versionAt(options, now);
      const staleMs = current > version ? now - (version + 1) * options.publishEveryMs : 0;
      const forged = hit && delivered.get(key)?.has(body) !== true;
      served.push({ at: now, key, version, staleMs, hit, forged, op: request.id });
      reply();
    };
    return {
      onRequest: (ctx, request) => {
        const key = request.input as string;
        const lookup = cache.lookup(key, ctx.now);
        if (lookup.kind === 'hit') {
          const body = String(lookup.body);
          answer(ctx.now, request, key, body, true, () => ctx.reply(request, body));
          return;
        }
        waiting.set(key, [...(waiting.get(key) ?? []), request]);
        if (lookup.kind === 'fetch') ctx.send(ORIGIN, { type: 'fetch', key });
      },
      onMessage: (ctx, _from, message) => {
        if (message.type !== 'body') return;
        delivered.set(message.key, (delivered.get(message.key) ?? new Set()).add(message.body));
        cache.fill(message.key, message.body, ctx.now);
        const requests = waiting.get(message.key) ?? [];
        waiting.delete(message.key);
        for (const request of requests) answer(ctx.now, request, message.key, message.body, false, () => ctx.reply(request, message.body));
      },
    };
  });
  sim.addNode(ORIGIN, {
    onMessage: (ctx, from, message: CdnMessage) => {
      if (message.type !== 'fetch') return;
      const version = versionAt(options, ctx.now);
      originFetches.push({ at: ctx.now, key: message.key, version });
      ctx.send(from, { type: 'body', key: message.key, body: `${message.key}@v${version}` });
    },
  });
  sim.network.setLink(EDGE, ORIGIN, { latency: { kind: 'constant', ms: links.edgeOriginMs } }, { bothWays: true });

  if (options.ratePerSec > 0) {
    const pick = sim.rng.fork('keys');
    startOpenLoop(sim, { ratePerSec: options.ratePerSec, stopMs: options.stopMs, node: EDGE, f: 'get', input: () => pick.pick(options.keys) });
  }
  (options.scripted ?? []).forEach(({ atMs, key }, index) => {
    sim.addClient(`r${index + 1}`, { timeoutMs: 3_600_000 }).invokeAt(atMs, { node: EDGE, f: 'get', input: key });
  });
  sim.run({ untilMs: options.stopMs + (options.drainMs ?? 2_000) });
  return { seed, sim, history: sim.history(), served, originFetches, options };
}

/** The numbers a reader of a pull CDN cares about, over one run. */
export interface PullCdnSummary {
  readonly requests: number;
  readonly hitRatio: number;
  readonly originFetchesPerSec: number;
  readonly meanStaleMs: number;
  readonly maxStaleMs: number;
  readonly p50LatencyMs: number;
  readonly p99LatencyMs: number;
}

/** Nearest rank: the ⌈q·n⌉-th smallest. */
function nearestRank(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

export function summarisePullCdn(run: PullCdnRun): PullCdnSummary {
  const answered = run.history.filter((op) => op.outcome === 'ok');
  const latencies = answered.map((op) => (op.completedAt as number) - op.invokedAt).sort((a, b) => a - b);
  const stale = run.served.map((copy) => copy.staleMs);
  return {
    requests: run.history.length,
    hitRatio: run.served.length === 0 ? 0 : run.served.filter((copy) => copy.hit).length / run.served.length,
    originFetchesPerSec: (run.originFetches.length * 1000) / run.options.stopMs,
    meanStaleMs: stale.length === 0 ? 0 : stale.reduce((sum, ms) => sum + ms, 0) / stale.length,
    maxStaleMs: stale.reduce((max, ms) => Math.max(max, ms), 0),
    p50LatencyMs: nearestRank(latencies, 0.5),
    p99LatencyMs: nearestRank(latencies, 0.99),
  };
}
