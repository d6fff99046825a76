/**
 * State-based replication by gossip, for CRDTs: every replica applies client updates to its own copy at
 * once (it never waits for anyone), and every `gossipMs` sends its whole state to every peer, which merges
 * it. The links lose, duplicate and reorder messages, so a replica receives old states after new ones
 * and the same state many times — the merge must not care. After the clients stop and the network has
 * had `settleMs` to carry the last states around, every replica should hold the same state.
 *
 * The replica object is the learner's (a `GCounter`, a set, …); the scenario only needs to create it,
 * hand it updates, take its state and give it a peer's state. States travel as JSON copies, so the
 * replica cannot share an object with a peer; the boundary between the tests and learner code gives the
 * learner's replica a fresh, unfrozen copy of each state it merges.
 */
import type { LinkConfig, NodeBehaviour } from '../../src/sim/index.ts';
import { runScenario, type NextOperation, type NextStep, type ScenarioRun } from '../../src/testkit/scenario.ts';

export interface GossipReplica<State> {
  state(): State;
  merge(other: State): void;
}

export interface StateGossipOptions<Replica extends GossipReplica<State>, State> {
  readonly replicas: readonly string[];
  readonly create: (id: string) => Replica;
  /** Serves one client request on the replica and returns the reply's output. */
  readonly serve: (replica: Replica, f: string, input: unknown) => unknown;
  /** The operation each client issues next (one client per replica, `c1` → the first replica, …). */
  readonly next: (step: NextStep) => NextOperation | null;
  /** Default 20 ms. */
  readonly gossipMs?: number;
  /** Links between replicas (default: 1–40 ms, 20% loss, 30% duplication, reordering). */
  readonly link?: Partial<LinkConfig>;
  /** Clients run from 10 ms until this time (default 500). */
  readonly stopMs?: number;
  /** Default 400 ms. */
  readonly settleMs?: number;
}

export interface StateGossipRun<Replica> extends ScenarioRun {
  /** The replica objects, by id, as they stand at the end of the settle window. */
  readonly replicas: Readonly<Record<string, Replica>>;
}

export type GossipMessage = { readonly type: 'state'; readonly state: unknown };

/** A deep copy through JSON: what a state looks like after crossing a real network. */
const overTheWire = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

export function stateGossipRun<Replica extends GossipReplica<State>, State>(
  options: StateGossipOptions<Replica, State>,
  seed: number,
): StateGossipRun<Replica> {
  const gossipMs = options.gossipMs ?? 20;
  const replicas: Record<string, Replica> = {};
  const program = (id: string) => (): NodeBehaviour<GossipMessage> => {
    const replica = options.create(id);
    replicas[id] = replica;
    return {
      onStart: (ctx) => ctx.setTimer(gossipMs, 'gossip'),
      onTimer(ctx) {
        const state = overTheWire(replica.state());
        for (const peer of ctx.peers) ctx.send(peer, { type: 'state', state });
        ctx.setTimer(gossipMs, 'gossip');
      },
      // The state is already the sender's JSON copy, frozen by the simulation; the boundary between the tests
      // and learner code hands the learner's merge a fresh copy of its own, so a second copy here bought nothing.
      onMessage: (_ctx, _from, message) => replica.merge(message.state as State),
      onRequest: (ctx, request) => ctx.reply(request, overTheWire(options.serve(replica, request.f, overTheWire(request.input)))),
      // What a learner stepping through a failing run sees at each step: the replica's state as it would gossip it.
      state: () => replica.state(),
    };
  };
  const run = runScenario(
    {
      cluster: {
        nodes: options.replicas,
        program,
        link: { latency: { kind: 'uniform', minMs: 1, maxMs: 40 }, loss: 0.2, duplicate: 0.3, order: 'reorder', ...options.link },
      },
      workload: {
        clients: options.replicas.map((node, i) => ({ id: `c${i + 1}`, node })),
        timeoutMs: 100,
        startMs: 10,
        stopMs: options.stopMs ?? 500,
        thinkMs: 5,
        clientLink: { latency: { kind: 'constant', ms: 1 }, loss: 0, duplicate: 0, order: 'fifo' },
        next: options.next,
      },
      settleMs: options.settleMs ?? 400,
      describeMessage: (message) => {
        const m = message as Partial<GossipMessage>;
        return m.type === 'state' ? `state ${JSON.stringify(m.state)}` : JSON.stringify(message);
      },
    },
    seed,
  );
  return { ...run, replicas: { ...replicas } };
}
