/**
 * Routing reads over asynchronous replicas, for lesson 08's read-your-writes exercise.
 *
 * Clients c1, c2, … send every operation to a router. The router sends writes to the primary, which
 * appends each to its log (write N is log position N) and answers with the position; it sends each read
 * wherever a routing policy says — the primary, or one of the replicas R1, R2, …. Replicas pull the
 * primary's log every `pollMs` over slower, lossy links, so each trails the primary by its own amount, and
 * each reports the position it has applied to the router on the same beat (a read reply carries it too).
 * A replica keeps its log on disk, so its position never goes back, not even across a crash.
 *
 * The policy only learns what a real router can: the position of each client's acknowledged writes, and
 * each replica's reports, late by a network trip. Faults make the lag matter: R1 is cut off from the
 * primary for a while (its lag grows, its reports keep coming), and R3 crashes and stays silent.
 */
import { Simulation, withFinalHeal } from '../../src/sim/index.ts';
import type { ClientRequest, FaultPlan, History, NodeBehaviour, NodeContext } from '../../src/sim/index.ts';
import { buildCluster, startWorkload } from '../../src/testkit/scenario.ts';

export const PRIMARY = 'primary';
export const ROUTER = 'router';

/** What the router needs from a routing policy (the learner's `ReadRouter`). */
export interface ReadRouterLike {
  writeAcknowledged(client: string, position: number): void;
  replicaReport(replica: string, position: number, now: number): void;
  route(client: string, now: number): unknown;
}

export type MakeReadRouter = (replicas: string[], silenceMs: number) => ReadRouterLike;

export type RoutingMessage =
  | { readonly type: 'write'; readonly op: number; readonly value: unknown }
  | { readonly type: 'written'; readonly op: number; readonly position: number }
  | { readonly type: 'read'; readonly op: number }
  | { readonly type: 'value'; readonly op: number; readonly value: unknown; readonly position: number }
  | { readonly type: 'fetch'; readonly after: number }
  | { readonly type: 'latest'; readonly position: number; readonly value: unknown }
  | { readonly type: 'report'; readonly position: number };

/** "write c1:3", "written #7", "value c2:1 @#7", "report @#12". */
export function describeRoutingMessage(message: unknown): string {
  const m = message as RoutingMessage;
  switch (m.type) {
    case 'write':
      return `write ${String(m.value)}`;
    case 'written':
      return `written #${m.position}`;
    case 'read':
      return 'read';
    case 'value':
      return `value ${String(m.value)} @#${m.position}`;
    case 'fetch':
      return `fetch after #${m.after}`;
    case 'latest':
      return `latest #${m.position} ${String(m.value)}`;
    case 'report':
      return `report @#${m.position}`;
  }
}

export interface ReadRoutingOptions {
  readonly makeRouter: MakeReadRouter;
  /** Number of replicas (default 3): R1, R2, … */
  readonly replicas?: number;
  /** How often each replica pulls the log and reports its position (default 20 ms). */
  readonly pollMs?: number;
  /** How long a replica may stay silent before the router must stop reading from it (default 100 ms). */
  readonly silenceMs?: number;
  /** Probability that a client's next operation is a write (default 0.08). */
  readonly writeShare?: number;
  /** Clients c1, c2, … (default 6). */
  readonly clients?: number;
  /** No operation starts at or after this time (default 1600 ms); the faults heal then. */
  readonly stopMs?: number;
  /** Pause between a client's operations (default 15 ms). */
  readonly thinkMs?: number;
  /** Default: R1 cut off from the primary from 300 to 700 ms, R3 crashed at 1000 ms (back at `stopMs`). */
  readonly faults?: FaultPlan;
}

/** One read the router routed, with what it knew then (learner-independent bookkeeping). */
export interface RoutedRead {
  readonly op: number;
  readonly client: string;
  readonly at: number;
  /** What the policy returned. */
  readonly target: unknown;
  /** The position of the client's latest acknowledged write (0: none). */
  readonly need: number;
  /** The highest position the target had reported, and when the router last heard from it (replicas only). */
  readonly reported?: number;
  readonly heardAt?: number;
  /** The replicas that could have served the read then: heard from within `silenceMs`, at or past `need`. */
  readonly qualifying: readonly string[];
}

export interface ReadRoutingRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  readonly replicas: readonly string[];
  readonly silenceMs: number;
  readonly faults: FaultPlan;
  readonly routed: readonly RoutedRead[];
  /** The log position of each acknowledged write, by operation id. */
  readonly positions: ReadonlyMap<number, number>;
}

interface Entry {
  readonly position: number;
  readonly value: unknown;
}

const NOTHING: Entry = Object.freeze({ position: 0, value: null });

function primary(): NodeBehaviour<RoutingMessage> {
  const log: unknown[] = [];
  const latest = (): Entry => (log.length === 0 ? NOTHING : { position: log.length, value: log[log.length - 1] });
  return {
    // What a learner stepping through a run sees: the log's latest position and value.
    state: latest,
    onMessage(ctx, from, message) {
      if (message.type === 'write') {
        log.push(message.value);
        ctx.send(from, { type: 'written', op: message.op, position: log.length });
      } else if (message.type === 'read') {
        ctx.send(from, { type: 'value', op: message.op, ...latest() });
      } else if (message.type === 'fetch' && log.length > message.after) {
        ctx.send(from, { type: 'latest', ...latest() });
      }
    },
  };
}

function replica(pollMs: number): () => NodeBehaviour<RoutingMessage> {
  return () => {
    const applied = (ctx: NodeContext<RoutingMessage>): Entry => ctx.disk.get<Entry>('applied') ?? NOTHING;
    // The position on disk, as last read or written, for a learner stepping through a run.
    let shown = NOTHING;
    return {
      state: () => shown,
      onStart(ctx) {
        shown = applied(ctx);
        // Replicas start polling at different moments, so they trail the primary by different amounts.
        ctx.setTimer(ctx.rng.int(1, pollMs), 'poll');
      },
      onTimer(ctx) {
        const position = applied(ctx).position;
        ctx.send(PRIMARY, { type: 'fetch', after: position });
        ctx.send(ROUTER, { type: 'report', position });
        ctx.setTimer(pollMs, 'poll');
      },
      onMessage(ctx, from, message) {
        if (message.type === 'latest' && message.position > applied(ctx).position) {
          shown = { position: message.position, value: message.value };
          ctx.disk.set('applied', shown);
        } else if (message.type === 'read') {
          ctx.send(from, { type: 'value', op: message.op, ...applied(ctx) });
        }
      },
    };
  };
}

interface RouterBook {
  readonly routed: RoutedRead[];
  readonly positions: Map<number, number>;
}

function router(options: ReadRoutingOptions, replicas: readonly string[], silenceMs: number, book: RouterBook): () => NodeBehaviour<RoutingMessage> {
  return () => {
    const policy = options.makeRouter([...replicas], silenceMs);
    const pending = new Map<number, ClientRequest>();
    const need = new Map<string, number>();
    const reported = new Map<string, number>();
    const heardAt = new Map<string, number>();
    const heard = (replica: string, position: number, now: number): void => {
      reported.set(replica, Math.max(reported.get(replica) ?? 0, position));
      heardAt.set(replica, now);
      policy.replicaReport(replica, position, now);
    };
    return {
      // What a learner stepping through a run sees: what the router has heard from each replica, and the
      // position of each client's latest acknowledged write (the policy's own fields are the learner's).
      state: () => ({
        ...Object.fromEntries(replicas.map((r) => [r, heardAt.has(r) ? `reported #${reported.get(r)} at ${heardAt.get(r)} ms` : 'not heard from'])),
        ...Object.fromEntries([...need].map(([client, position]) => [`${client} wrote`, `#${position}`])),
      }),
      onRequest(ctx, request) {
        if (request.f === 'write') {
          pending.set(request.id, request);
          ctx.send(PRIMARY, { type: 'write', op: request.id, value: request.input });
          return;
        }
        const target = policy.route(request.client, ctx.now);
        const known = typeof target === 'string' && replicas.includes(target);
        const needed = need.get(request.client) ?? 0;
        const qualifying = replicas.filter((r) => heardAt.has(r) && ctx.now - heardAt.get(r)! < silenceMs && reported.get(r)! >= needed);
        book.routed.push({
          op: request.id,
          client: request.client,
          at: ctx.now,
          target,
          need: needed,
          qualifying,
          ...(known ? { reported: reported.get(target) ?? 0, heardAt: heardAt.get(target) ?? -1 } : {}),
        });
        if (target !== PRIMARY && !known) return ctx.fail(request, `route returned ${JSON.stringify(target)}, which is neither "${PRIMARY}" nor a replica`);
        pending.set(request.id, request);
        ctx.send(target, { type: 'read', op: request.id });
      },
      onMessage(ctx, from, message) {
        if (message.type === 'report') return heard(from, message.position, ctx.now);
        if (message.type !== 'written' && message.type !== 'value') return;
        const request = pending.get(message.op);
        if (request === undefined) return;
        pending.delete(message.op);
        if (message.type === 'written') {
          need.set(request.client, Math.max(need.get(request.client) ?? 0, message.position));
          book.positions.set(request.id, message.position);
          policy.writeAcknowledged(request.client, message.position);
          ctx.reply(request, message.position);
        } else {
          if (from !== PRIMARY) heard(from, message.position, ctx.now);
          ctx.reply(request, message.value);
        }
      },
    };
  };
}

function defaultRoutingFaults(stopMs: number): FaultPlan {
  return [
    { at: 300, kind: 'partition', groups: [[PRIMARY], ['R1']] },
    { at: 700, kind: 'heal' },
    { at: Math.min(1000, stopMs), kind: 'crash', node: 'R3' },
  ];
}

export function readRoutingRun(options: ReadRoutingOptions, seed: number): ReadRoutingRun {
  const replicas = Array.from({ length: options.replicas ?? 3 }, (_, i) => `R${i + 1}`);
  const pollMs = options.pollMs ?? 20;
  const silenceMs = options.silenceMs ?? 100;
  const stopMs = options.stopMs ?? 1600;
  const writeShare = options.writeShare ?? 0.08;
  const book: RouterBook = { routed: [], positions: new Map() };
  const nodes = [PRIMARY, ...replicas, ROUTER];
  const sim = new Simulation({ seed, trace: true, describeMessage: describeRoutingMessage });
  buildCluster(sim, {
    nodes,
    program: (node) => (node === PRIMARY ? primary : node === ROUTER ? router(options, replicas, silenceMs, book) : replica(pollMs)),
    // The router sits next to every database machine.
    link: { latency: { kind: 'uniform', minMs: 1, maxMs: 4 }, loss: 0 },
  });
  // Replication crosses a slower, lossy network: this is where the lag comes from.
  for (const id of replicas) sim.network.setLink(PRIMARY, id, { latency: { kind: 'uniform', minMs: 5, maxMs: 40 }, loss: 0.05 }, { bothWays: true });
  const faults = withFinalHeal(options.faults ?? defaultRoutingFaults(stopMs), { atMs: stopMs, nodes });
  sim.applyFaultPlan(faults);
  startWorkload(sim, {
    clients: Array.from({ length: options.clients ?? 6 }, (_, i) => ({ id: `c${i + 1}`, node: ROUTER })),
    timeoutMs: 300,
    startMs: 10,
    stopMs,
    thinkMs: options.thinkMs ?? 15,
    clientLink: { latency: { kind: 'constant', ms: 1 }, loss: 0, order: 'fifo' },
    next: ({ client, rng, count }) => (rng.next() < writeShare ? { f: 'write', input: `${client.id}:${count + 1}` } : { f: 'read' }),
  });
  sim.run({ untilMs: stopMs + 400 });
  return { seed, sim, history: sim.history(), replicas, silenceMs, faults, routed: book.routed, positions: book.positions };
}

/** Reads the run's router sent to a replica that had been silent for `silenceMs` or longer (or never spoke). */
export function readsToSilentReplicas(run: ReadRoutingRun): RoutedRead[] {
  return run.routed.filter((read) => read.heardAt !== undefined && (read.heardAt < 0 || read.at - read.heardAt >= run.silenceMs));
}

/** Reads the router sent to a replica (not the primary, nor anything else the policy made up). */
export function readsToReplicas(run: ReadRoutingRun): RoutedRead[] {
  return run.routed.filter((read) => read.reported !== undefined);
}

/** The reference policy, for the scenario's own tests: a replica that has reported the client's write, in turns. */
export function positionRouter(replicas: string[], silenceMs: number): ReadRouterLike {
  const need = new Map<string, number>();
  const reported = new Map<string, { position: number; at: number }>();
  let last = -1;
  return {
    writeAcknowledged: (client, position) => void need.set(client, Math.max(need.get(client) ?? 0, position)),
    replicaReport: (replica, position, now) => void reported.set(replica, { position: Math.max(reported.get(replica)?.position ?? 0, position), at: now }),
    route(client, now) {
      for (let step = 1; step <= replicas.length; step++) {
        const index = (last + step) % replicas.length;
        const report = reported.get(replicas[index]!);
        if (report === undefined || now - report.at >= silenceMs || report.position < (need.get(client) ?? 0)) continue;
        last = index;
        return replicas[index]!;
      }
      return PRIMARY;
    },
  };
}
