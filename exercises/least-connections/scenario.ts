/**
 * A load balancer in front of backends of uneven speed: two fast ones and one that is five times slower
 * (an older machine, a noisy neighbour). Each backend is a one-worker service station. The balancer knows how
 * many requests each backend has in flight, and a routing policy — a learner's, or {@link roundRobinPolicy}
 * as the baseline — picks where each request goes. Round robin gives the slow backend a third of the traffic
 * whatever its queue; a policy that looks at requests in flight can steer around it.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { ClientRequest, NodeBehaviour } from '../../src/sim/index.ts';
import { LatencyHistogram } from '../../src/sim/index.ts';
import { startOpenLoop } from '../../src/scenarios/open-loop.ts';
import { station, type ServiceTime } from '../../src/scenarios/station.ts';

/** Picks a backend for the next request, given each backend's requests in flight (in backend order). */
export type RoutingPolicy = (backends: readonly string[], inFlight: Readonly<Record<string, number>>) => string;

/** Takes turns, whatever the load: the baseline. */
export function roundRobinPolicy(): RoutingPolicy {
  let turn = 0;
  return (backends) => backends[turn++ % backends.length]!;
}

export const UNEVEN_BALANCER = 'lb';

export interface UnevenBackend {
  readonly id: string;
  readonly service: ServiceTime;
}

/** Two fast backends (about 4 ms per request) and a slow one (about 20 ms). */
export const UNEVEN_BACKENDS: readonly UnevenBackend[] = [
  { id: 'fast1', service: { kind: 'exponential', meanMs: 4 } },
  { id: 'fast2', service: { kind: 'exponential', meanMs: 4 } },
  { id: 'slow', service: { kind: 'exponential', meanMs: 20 } },
];

export interface UnevenRunOptions {
  /** A fresh policy per run (policies may keep state, like round robin's turn). */
  readonly makePolicy: () => RoutingPolicy;
  readonly ratePerSec: number;
  readonly stopMs: number;
}

export interface UnevenRun {
  readonly seed: number;
  readonly sim: Simulation;
  /** How many requests went to each backend. */
  readonly routedTo: Readonly<Record<string, number>>;
  /** A policy answer that named no backend, if any (the run stops routing there). */
  readonly badPick: string | null;
  readonly latency: LatencyHistogram;
}

type UnevenMessage = { readonly type: 'work'; readonly op: number } | { readonly type: 'done'; readonly op: number };

function unevenBackend(service: ServiceTime): () => NodeBehaviour<UnevenMessage> {
  return () => {
    const queue = station<{ op: number; from: string }>({ workers: 1, service }, (job) => job.op, (ctx, job) => ctx.send(job.from, { type: 'done', op: job.op }));
    return {
      onMessage: (ctx, from, message) => {
        if (message.type === 'work') queue.arrive(ctx, { op: message.op, from });
      },
      onTimer: (ctx, name, payload) => void queue.onTimer(ctx, name, payload),
    };
  };
}

export function runUnevenBackends(options: UnevenRunOptions, seed: number): UnevenRun {
  const sim = new Simulation({ seed, trace: true, maxEvents: 2_000_000 });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 1 } });
  const ids = UNEVEN_BACKENDS.map((backend) => backend.id);
  const routedTo: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  let badPick: string | null = null;

  sim.addNode(UNEVEN_BALANCER, (): NodeBehaviour<UnevenMessage> => {
    const policy = options.makePolicy();
    const inFlight: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
    const waiting = new Map<number, ClientRequest>();
    return {
      onRequest: (ctx, request) => {
        // The policy gets copies: what it does to the list or the counts must not change the balancer's.
        const chosen = policy([...ids], { ...inFlight });
        if (!ids.includes(chosen)) {
          badPick ??= String(chosen);
          ctx.fail(request, `no backend named ${String(chosen)}`);
          return;
        }
        inFlight[chosen]! += 1;
        routedTo[chosen]! += 1;
        waiting.set(request.id, request);
        ctx.send(chosen, { type: 'work', op: request.id });
      },
      onMessage: (ctx, from, message) => {
        if (message.type !== 'done') return;
        inFlight[from]! -= 1;
        const request = waiting.get(message.op) as ClientRequest;
        waiting.delete(message.op);
        ctx.reply(request, from);
      },
    };
  });
  for (const backend of UNEVEN_BACKENDS) sim.addNode(backend.id, unevenBackend(backend.service));
  startOpenLoop(sim, { ratePerSec: options.ratePerSec, stopMs: options.stopMs, node: UNEVEN_BALANCER, f: 'get' });
  sim.run({ untilMs: options.stopMs + 60_000 });
  const latency = new LatencyHistogram();
  for (const op of sim.history()) if (op.outcome === 'ok') latency.record((op.completedAt as number) - op.invokedAt);
  return { seed, sim, routedTo, badPick, latency };
}
