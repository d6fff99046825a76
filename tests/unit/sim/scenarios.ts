/** Small scenarios the sim tests share: a gossiping cluster that keeps every part of the engine busy. */
import { Simulation, type Fault, type LinkConfig, type NodeBehaviour } from '../../../src/sim/index.ts';

export interface GossipOptions {
  readonly nodes?: number;
  readonly link?: Partial<LinkConfig>;
  readonly faults?: readonly Fault[];
  readonly trace?: boolean;
  readonly untilMs?: number;
}

export interface Rumour {
  readonly type: 'rumour';
  readonly origin: string;
  readonly hops: number;
}

/** Node ids n1…nN. */
export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `n${i + 1}`);
}

/**
 * Every node starts a rumour every 50 ms; a rumour hops to a random peer until it has made 5 hops.
 * A client may ask a node how many rumours it has heard since it (re)started.
 */
export function gossip(): NodeBehaviour<Rumour> {
  let heard = 0;
  return {
    onRequest: (ctx, request) => ctx.reply(request, heard),
    onStart: (ctx) => {
      ctx.setTimer(ctx.rng.int(1, 50), 'rumour');
    },
    onTimer: (ctx) => {
      ctx.send(ctx.rng.pick(ctx.peers), { type: 'rumour', origin: ctx.id, hops: 0 });
      ctx.setTimer(50, 'rumour');
    },
    onMessage: (ctx, _from, message) => {
      heard++;
      if (message.hops < 5) ctx.send(ctx.rng.pick(ctx.peers), { ...message, hops: message.hops + 1 });
    },
  };
}

export function gossipSimulation(seed: number, options: GossipOptions = {}): Simulation {
  const sim = new Simulation({ seed, trace: options.trace ?? false });
  sim.network.setDefault({ latency: { kind: 'exponential', meanMs: 8, minMs: 1 }, loss: 0.02, duplicate: 0.02, order: 'reorder', ...options.link });
  for (const id of nodeIds(options.nodes ?? 4)) sim.addNode(id, gossip);
  if (options.faults !== undefined) sim.applyFaultPlan(options.faults);
  return sim;
}
