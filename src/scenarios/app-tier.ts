/**
 * Scaling out: N app nodes in front of one shared database. Users are spread evenly over the app nodes
 * (as a load balancer would), and there are `usersPerNode` of them per node, so the offered load grows
 * with the nodes. Each app node is a station (./station.ts) that does its own work for a request, then
 * calls the database and answers the user when the database replies; its worker is free again as soon
 * as its own work is done. The database is one more station with a fixed capacity. While the database
 * has room, each node adds its full share of throughput; once it saturates, new nodes only add waiting.
 */
import { Simulation } from '../sim/index.ts';
import type { ClientRequest, NodeBehaviour } from '../sim/index.ts';
import { startWorkload } from '../testkit/scenario.ts';
import { requestRecords, type LoadRun } from './load-server.ts';
import { station, type StationSpec } from './station.ts';

export const DATABASE = 'db';

export interface AppTierSpec {
  readonly nodes: number;
  readonly usersPerNode: number;
  /** Each app node: its workers and the work it does per request before calling the database. */
  readonly app: StationSpec;
  /** The shared database: its capacity sets the ceiling. */
  readonly database: StationSpec;
  readonly durationMs: number;
  /** Measurement starts here (default: a tenth of the run). */
  readonly warmupMs?: number;
  /** Record every event (default true); the fingerprint is computed either way. */
  readonly trace?: boolean;
}

export function appNodeIds(nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `app${i + 1}`);
}

type TierMessage = { readonly type: 'query'; readonly id: number } | { readonly type: 'result'; readonly id: number };

function describeTierMessage(message: unknown): string {
  const { type, id } = message as TierMessage;
  return `${type} for op ${id}`;
}

function appNode(spec: StationSpec): () => NodeBehaviour<TierMessage> {
  return () => {
    const waitingForDatabase = new Map<number, ClientRequest>();
    const worker = station<ClientRequest>(spec, (request) => request.id, (ctx, request) => {
      waitingForDatabase.set(request.id, request);
      ctx.send(DATABASE, { type: 'query', id: request.id });
    });
    return {
      onRequest: (ctx, request) => worker.arrive(ctx, request),
      onTimer: (ctx, name, payload) => {
        worker.onTimer(ctx, name, payload);
      },
      onMessage: (ctx, _from, message) => {
        if (message.type !== 'result') return;
        const request = waitingForDatabase.get(message.id);
        if (request === undefined) return;
        waitingForDatabase.delete(message.id);
        ctx.reply(request, 'done');
      },
    };
  };
}

function databaseNode(spec: StationSpec): () => NodeBehaviour<TierMessage> {
  return () => {
    const db = station<{ readonly id: number; readonly from: string }>(spec, (query) => query.id, (ctx, query) => ctx.send(query.from, { type: 'result', id: query.id }));
    return {
      onMessage: (ctx, from, message) => {
        if (message.type === 'query') db.arrive(ctx, { id: message.id, from });
      },
      onTimer: (ctx, name, payload) => {
        db.onTimer(ctx, name, payload);
      },
    };
  };
}

/** One closed-loop run of the tier: every user sends its next request as soon as the last one is answered. */
export function appTierRun(spec: AppTierSpec, seed: number): LoadRun {
  const sim = new Simulation({ seed, trace: spec.trace ?? true, describeMessage: describeTierMessage, maxEvents: 5_000_000 });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 1 } });
  const apps = appNodeIds(spec.nodes);
  for (const app of apps) sim.addNode(app, appNode(spec.app));
  sim.addNode(DATABASE, databaseNode(spec.database));
  startWorkload(sim, {
    clients: Array.from({ length: spec.nodes * spec.usersPerNode }, (_, i) => ({ id: `u${i + 1}`, node: apps[i % spec.nodes] as string })),
    timeoutMs: 3_600_000,
    stopMs: spec.durationMs,
    next: () => ({ f: 'request' }),
  });
  sim.run();
  const history = sim.history();
  return { seed, sim, history, requests: requestRecords(history), fromMs: spec.warmupMs ?? Math.floor(spec.durationMs / 10), toMs: spec.durationMs };
}
