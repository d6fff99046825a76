/**
 * Routing on a stale view of the backends' load, for lesson 12: the least-connections exercise's hidden tests
 * and the numbers the lesson quotes about the herd effect.
 *
 * A load balancer sends open-loop traffic to six backends of uneven speed — four fast ones and two slow ones
 * (older machines, noisy neighbours) — each a one-worker station with a first-come-first-served queue. For
 * every request the balancer asks its routing policy where it goes, handing it a *view* of the backends' load
 * (requests in flight at each) and how old that view is:
 *
 * - `reportEveryMs: 0` — a fresh view: the balancer's own count of the requests it sent that are not yet
 *   answered, correct to the request;
 * - `reportEveryMs: T` — each backend reports its requests in flight every T ms (a load report, as several
 *   balancers sharing one picture of the backends would use), and the view is the last report of each.
 *   Between reports it does not move, whatever the balancer sends.
 *
 * The policy also gets `random()`, a stream of its own forked from the seed, so a run depends on the seed
 * alone. Mitzenmacher ("How Useful Is Old Information?", IEEE TPDS 2000) showed what the stale view does to
 * "always the least loaded": every request until the next report goes to the backend that looked least
 * busy, and its queue explodes — the herd effect — while sampling two backends at random and taking the less
 * loaded of those two stays close to its fresh-view behaviour.
 */
import { Simulation } from '../sim/index.ts';
import type { ClientRequest, NodeBehaviour } from '../sim/index.ts';
import { startOpenLoop } from './open-loop.ts';
import { station, type ServiceTime } from './station.ts';

/** What the balancer knows of the backends' load when it routes a request. */
export interface LoadView {
  /** Requests in flight at each backend, by name, as last known. */
  readonly inFlight: Readonly<Record<string, number>>;
  /** How long ago (ms) the oldest of those counts was true; 0 for a fresh view. */
  readonly ageMs: number;
}

/** Picks the backend for the next request. */
export type RoutingPolicy = (backends: readonly string[], view: LoadView, random: () => number) => string;

export const BALANCER = 'lb';

export interface Backend {
  readonly id: string;
  readonly service: ServiceTime;
}

/** A fast backend takes 4 ms a request (250 a second), a slow one 20 ms (50 a second). */
export const FAST_MS = 4;
export const SLOW_MS = 20;
const fast = (id: string): Backend => ({ id, service: { kind: 'constant', ms: FAST_MS } });
const slow = (id: string): Backend => ({ id, service: { kind: 'constant', ms: SLOW_MS } });

/** Four fast backends and two slow ones, listed as a balancer's configuration might list them. */
export const BACKENDS: readonly Backend[] = [fast('fast1'), slow('slow1'), fast('fast2'), fast('fast3'), slow('slow2'), fast('fast4')];
export const BACKEND_IDS: readonly string[] = BACKENDS.map((backend) => backend.id);

/**
 * The traffic every graded run carries: 450 requests a second for 600 ms, 41% of what the six backends can
 * serve together (1100 a second); but if each backend gets a sixth, each slow one gets 75 a second, half again
 * what it can serve.
 */
export const TRAFFIC = { ratePerSec: 450, stopMs: 600 } as const;
/** How often backends report their load in the stale setting. */
export const REPORT_EVERY_MS = 100;

export interface RoutingRunOptions {
  /** Makes the balancer's policy, once when the balancer starts (a policy may keep state, like round robin's turn). */
  readonly makePolicy: () => RoutingPolicy;
  /** 0: a fresh view; otherwise backends report their load every this many ms. */
  readonly reportEveryMs: number;
  readonly ratePerSec?: number;
  readonly stopMs?: number;
}

/** One routing decision, as the balancer carried it out. */
export interface Routed {
  /** The request's operation id in the history. */
  readonly op: number;
  readonly atMs: number;
  readonly backend: string;
}

export interface RoutingRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly reportEveryMs: number;
  /** Every request the balancer sent on, in order. */
  readonly routed: readonly Routed[];
  /** A policy answer that named no backend, if any (that request fails). */
  readonly badPick: string | null;
  /** The oldest view any request was routed on (ms). */
  readonly oldestViewMs: number;
  /** Latency (ms) of every answered request, in the order they were invoked. */
  readonly latencies: readonly number[];
}

type RoutingMessage =
  | { readonly type: 'work'; readonly op: number }
  | { readonly type: 'done'; readonly op: number }
  | { readonly type: 'load'; readonly inFlight: number; readonly at: number };

const REPORT = 'report';

function backendNode(service: ServiceTime, reportEveryMs: number, stopMs: number): () => NodeBehaviour<RoutingMessage> {
  return () => {
    let inFlight = 0;
    const queue = station<{ op: number; from: string }>({ workers: 1, service }, (job) => job.op, (ctx, job) => {
      inFlight -= 1;
      ctx.send(job.from, { type: 'done', op: job.op });
    });
    return {
      onStart: (ctx) => {
        if (reportEveryMs > 0) ctx.setTimer(reportEveryMs, REPORT);
      },
      onMessage: (ctx, from, message) => {
        if (message.type !== 'work') return;
        inFlight += 1;
        queue.arrive(ctx, { op: message.op, from });
      },
      onTimer: (ctx, name, payload) => {
        if (name !== REPORT) return void queue.onTimer(ctx, name, payload);
        ctx.send(BALANCER, { type: 'load', inFlight, at: ctx.now });
        // Nothing is routed after the traffic stops, so the reports stop too and the run can end.
        if (ctx.now < stopMs) ctx.setTimer(reportEveryMs, REPORT);
      },
    };
  };
}

/** One balancer routing `TRAFFIC` (or the rate and length given) on the view `options.reportEveryMs` describes. */
export function runRouting(options: RoutingRunOptions, seed: number): RoutingRun {
  const ratePerSec = options.ratePerSec ?? TRAFFIC.ratePerSec;
  const stopMs = options.stopMs ?? TRAFFIC.stopMs;
  const fresh = options.reportEveryMs === 0;
  const sim = new Simulation({ seed, trace: true, maxEvents: 2_000_000 });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 1 } });
  const random = sim.rng.fork('policy').toFunction();
  const routed: Routed[] = [];
  let badPick: string | null = null;
  let oldestViewMs = 0;

  sim.addNode(BALANCER, (): NodeBehaviour<RoutingMessage> => {
    const counted = (value: number) => Object.fromEntries(BACKEND_IDS.map((id) => [id, value]));
    const sent: Record<string, number> = counted(0);
    // Before the first reports every backend is idle, and that was true at time 0.
    const reported: Record<string, number> = counted(0);
    const reportedAt: Record<string, number> = counted(0);
    const waiting = new Map<number, ClientRequest>();
    const policy = options.makePolicy();
    return {
      onRequest: (ctx, request) => {
        const ageMs = fresh ? 0 : ctx.now - Math.min(...BACKEND_IDS.map((id) => reportedAt[id]!));
        oldestViewMs = Math.max(oldestViewMs, ageMs);
        // The policy gets copies: what it does to them must not change the balancer's.
        const chosen = policy([...BACKEND_IDS], { inFlight: { ...(fresh ? sent : reported) }, ageMs }, random);
        if (!BACKEND_IDS.includes(chosen)) {
          badPick ??= String(chosen);
          ctx.fail(request, `no backend named ${String(chosen)}`);
          return;
        }
        sent[chosen]! += 1;
        routed.push({ op: request.id, atMs: ctx.now, backend: chosen });
        waiting.set(request.id, request);
        ctx.send(chosen, { type: 'work', op: request.id });
      },
      onMessage: (ctx, from, message) => {
        if (message.type === 'load') {
          reported[from] = message.inFlight;
          reportedAt[from] = message.at;
        } else if (message.type === 'done') {
          sent[from]! -= 1;
          const request = waiting.get(message.op) as ClientRequest;
          waiting.delete(message.op);
          ctx.reply(request, from);
        }
      },
    };
  });
  for (const backend of BACKENDS) sim.addNode(backend.id, backendNode(backend.service, options.reportEveryMs, stopMs));
  startOpenLoop(sim, { ratePerSec, stopMs, node: BALANCER, f: 'get' });
  sim.run({ untilMs: stopMs + 60_000 });
  const latencies = sim
    .history()
    .filter((op) => op.outcome === 'ok')
    .map((op) => (op.completedAt as number) - op.invokedAt);
  return { seed, sim, reportEveryMs: options.reportEveryMs, routed, badPick, oldestViewMs, latencies };
}

/** The p-th percentile by nearest rank: the ⌈p/100·n⌉-th smallest value (0 when there are none). */
export function nearestRank(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** How many requests each backend got, in backend order. */
export function routedCounts(run: RoutingRun): Readonly<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(BACKEND_IDS.map((id) => [id, 0]));
  for (const { backend } of run.routed) counts[backend]! += 1;
  return counts;
}

/** The slow backends' names. */
export const SLOW_IDS: readonly string[] = BACKENDS.filter((backend) => backend.service.kind === 'constant' && backend.service.ms === SLOW_MS).map((backend) => backend.id);

/** The share of requests the slow backends got, 0–1. */
export function slowShare(run: RoutingRun): number {
  return run.routed.length === 0 ? 0 : run.routed.filter(({ backend }) => SLOW_IDS.includes(backend)).length / run.routed.length;
}

/**
 * The biggest herd: the most requests one backend got within one stretch of `everyMs` (stretches start at 0,
 * `everyMs`, 2·`everyMs`, …), when, and the operation ids of those requests.
 */
export interface Herd {
  readonly backend: string;
  readonly requests: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly ops: readonly number[];
}

export function biggestHerd(run: RoutingRun, everyMs: number, among: readonly string[] = BACKEND_IDS): Herd {
  let herd: Herd = { backend: among[0]!, requests: 0, fromMs: 0, toMs: everyMs, ops: [] };
  const groups = new Map<string, number[]>();
  for (const { op, atMs, backend } of run.routed) {
    if (!among.includes(backend)) continue;
    const fromMs = Math.floor(atMs / everyMs) * everyMs;
    const key = `${fromMs} ${backend}`;
    const ops = groups.get(key) ?? [];
    ops.push(op);
    groups.set(key, ops);
    if (ops.length > herd.requests) herd = { backend, requests: ops.length, fromMs, toMs: fromMs + everyMs, ops };
  }
  return herd;
}

/** Always the backend the view shows least loaded, the first listed on a tie: least connections as usually written. */
export const leastLoadedPolicy: RoutingPolicy = (backends, view) => backends.reduce((best, backend) => (view.inFlight[backend]! < view.inFlight[best]! ? backend : best));

/** Any backend, each as likely: blind to load and to speed. */
export const uniformRandomPolicy: RoutingPolicy = (backends, _view, random) => backends[Math.floor(random() * backends.length)]!;

/** What one policy did on one seed, with fresh counts and with counts reported every `REPORT_EVERY_MS`: the numbers lesson 12 quotes. */
export interface RoutingOutcome {
  readonly freshP99Ms: number;
  readonly staleP99Ms: number;
  /** The slow backends' share of the requests with fresh counts, in whole percent. */
  readonly freshSlowPercent: number;
  /** The biggest herd with stale counts, and the biggest onto a slow backend. */
  readonly staleHerd: Herd;
  readonly staleSlowHerd: Herd;
}

export function outcomeOf(makePolicy: () => RoutingPolicy, seed: number): RoutingOutcome {
  const fresh = runRouting({ makePolicy, reportEveryMs: 0 }, seed);
  const stale = runRouting({ makePolicy, reportEveryMs: REPORT_EVERY_MS }, seed);
  return {
    freshP99Ms: nearestRank(fresh.latencies, 99),
    staleP99Ms: nearestRank(stale.latencies, 99),
    freshSlowPercent: Math.round(100 * slowShare(fresh)),
    staleHerd: biggestHerd(stale, REPORT_EVERY_MS),
    staleSlowHerd: biggestHerd(stale, REPORT_EVERY_MS, SLOW_IDS),
  };
}
