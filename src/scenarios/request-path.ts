/**
 * One request's path through a tiered system — client → load balancer → app → database and back — as a
 * simulation. Lesson 01 uses it twice: its exercise checks a learner's latency arithmetic against the
 * simulation's own record of the request, and its figure draws the same run as a timeline.
 *
 * A path is a tree of hops. For each hop the request crosses a link (`networkMs`) to `node`, which works
 * for `workMs`, then makes its downstream `calls` — one after another, or all at once when `parallel` —
 * and, once they have all answered, replies; the reply crosses back (`backMs`). Link latencies are
 * constant, so the run is exact: the request's latency is a sum you can check by hand.
 */
import { Simulation } from '../sim/index.ts';
import type { ClientRequest, NodeBehaviour, NodeContext, Operation, Rng } from '../sim/index.ts';

export interface Hop {
  /** The node this hop reaches; every node appears once in a path. */
  readonly node: string;
  /** One-way network latency from the caller to `node`, in ms. */
  readonly networkMs: number;
  /** Network latency of the reply, from `node` back to the caller, in ms. */
  readonly backMs: number;
  /** How long `node` works on the request before it calls anything, in ms. */
  readonly workMs: number;
  /** Downstream calls, made after the work. */
  readonly calls?: readonly Hop[];
  /** Make the calls all at once (true) or one after another (false, the default). */
  readonly parallel?: boolean;
}

/** The client's endpoint id in every request-path run. */
export const CLIENT = 'client';

/** A call from a caller to the next node, and that node's answer. */
type PathMessage = { readonly type: 'call' } | { readonly type: 'done' };

function describePathMessage(message: unknown): string {
  return (message as PathMessage).type === 'call' ? 'request' : 'response';
}

/** Every hop in the tree, depth first. */
export function hopsOf(path: Hop): Hop[] {
  return [path, ...(path.calls ?? []).flatMap((call) => hopsOf(call))];
}

/**
 * A node's behaviour for its hop: work, then the calls, then the reply. It serves one request at a time,
 * which is all a single-request run needs.
 */
function tier(hop: Hop): NodeBehaviour<PathMessage> {
  const calls = hop.calls ?? [];
  let caller: { readonly request?: ClientRequest; readonly from: string } | null = null;
  let answered = 0;

  const respond = (ctx: NodeContext<PathMessage>): void => {
    if (caller === null) return;
    if (caller.request !== undefined) ctx.reply(caller.request, 'done');
    else ctx.send(caller.from, { type: 'done' });
    caller = null;
  };
  const callNext = (ctx: NodeContext<PathMessage>): void => {
    const next = calls[answered];
    if (next === undefined) respond(ctx);
    else ctx.send(next.node, { type: 'call' });
  };
  const start = (ctx: NodeContext<PathMessage>, from: string, request?: ClientRequest): void => {
    caller = request === undefined ? { from } : { from, request };
    answered = 0;
    ctx.setTimer(hop.workMs, 'work done');
  };

  return {
    onRequest: (ctx, request) => start(ctx, request.client, request),
    onMessage: (ctx, from, message) => {
      if (message.type === 'call') return start(ctx, from);
      answered += 1;
      if (!hop.parallel) return callNext(ctx);
      if (answered === calls.length) respond(ctx);
    },
    onTimer: (ctx) => {
      if (hop.parallel && calls.length > 0) {
        for (const call of calls) ctx.send(call.node, { type: 'call' });
      } else {
        callNext(ctx);
      }
    },
  };
}

export interface RequestPathRun {
  readonly seed: number;
  readonly sim: Simulation;
  /** The one request the client sent. */
  readonly operation: Operation;
  /** Its latency as the client saw it: reply received minus request sent, in ms. */
  readonly latencyMs: number;
}

/** When the client sends its request (later than 0, so the timeline has some room on the left). */
export const SEND_AT_MS = 10;

/** Runs one request along `path` and returns what the client recorded. */
export function runRequestPath(path: Hop, seed = 1): RequestPathRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: describePathMessage });
  const wire = (from: string, hop: Hop): void => {
    sim.addNode(hop.node, tier(hop));
    sim.network.setLink(from, hop.node, { latency: { kind: 'constant', ms: hop.networkMs } });
    sim.network.setLink(hop.node, from, { latency: { kind: 'constant', ms: hop.backMs } });
    for (const call of hop.calls ?? []) wire(hop.node, call);
  };
  const client = sim.addClient(CLIENT, { timeoutMs: 60_000 });
  wire(CLIENT, path);
  client.invokeAt(SEND_AT_MS, { node: path.node, f: 'GET /' });
  sim.run();
  const operation = sim.history()[0];
  if (operation?.completedAt === undefined || operation.outcome !== 'ok') {
    throw new Error(`runRequestPath: the request along ${path.node} never completed (outcome ${operation?.outcome ?? 'none'})`);
  }
  return { seed, sim, operation, latencyMs: operation.completedAt - operation.invokedAt };
}

/** Names for generated tiers, in the order they are handed out. */
const TIER_NAMES = ['lb', 'app', 'auth', 'cache', 'db', 'search', 'queue', 'billing', 'images', 'replica'] as const;

/**
 * A random path for a seed: a load balancer in front of an app that makes one to three calls (in
 * parallel or in sequence), some of which call further. Latencies are small whole milliseconds, and the
 * two directions of a link often differ.
 */
export function randomPath(rng: Rng): Hop {
  let used = 0;
  const hop = (depth: number): Hop => {
    const node = TIER_NAMES[used++] ?? `tier${used}`;
    const networkMs = rng.int(1, 9);
    const backMs = rng.chance(0.5) ? networkMs : rng.int(1, 9);
    const workMs = rng.int(0, 12);
    const fanOut = depth === 0 ? 1 : depth === 1 ? rng.int(1, 3) : depth === 2 ? rng.int(0, 2) : 0;
    const calls = Array.from({ length: fanOut }, () => hop(depth + 1));
    return calls.length === 0 ? { node, networkMs, backMs, workMs } : { node, networkMs, backMs, workMs, calls, parallel: rng.chance(0.5) };
  };
  return hop(0);
}

/** A path in one line: `lb(→2 ←2 work 1) → app(→1 ←1 work 5) → [cache(…) ‖ db(…)]`. */
export function describePath(path: Hop): string {
  const own = `${path.node}(→${path.networkMs} ←${path.backMs} work ${path.workMs})`;
  const calls = path.calls ?? [];
  if (calls.length === 0) return own;
  const described = calls.map((call) => describePath(call));
  const downstream = calls.length === 1 ? described[0] : `[${described.join(path.parallel ? ' ‖ ' : ' then ')}]`;
  return `${own} → ${downstream}`;
}
