/**
 * A replicated register: N replicas of one value, each a coordinator for the clients that talk to it.
 * Lessons plug in the two decisions that make it CP or AP — `decide` (serve with a quorum, serve locally,
 * or refuse) and `merge` (which of two versions wins) — and the scaffold does the rest:
 *
 * - Failure detection: heartbeats every `heartbeatMs`; a peer is reachable if heard from within
 *   `suspectAfterMs`. `reachable` counts the coordinator itself.
 * - Quorum operations (ABD): a write stamps `{ value, ts: now, writer: client }`, stores it locally and
 *   at peers, and replies after W stores (itself included). A read queries peers, merges what R replicas
 *   hold, writes that back to W replicas (so a later read cannot see an older value), then replies. W and R
 *   are majorities. A quorum that never forms gets no reply: the client times out (`unknown`), because the write may
 *   still have reached some replicas.
 * - Local operations answer from (or write to) the coordinator's own copy, then send it to peers.
 * - Refusals reply with an error at once (`fail`).
 * - Anti-entropy: every `gossipMs` each replica sends its version to every peer, which merges it, so
 *   replicas converge once the network heals.
 *
 * The version lives on the replica's disk, so it survives crashes.
 */
import type { ClientRequest, NodeBehaviour, NodeContext, NodeProgram } from '../sim/index.ts';

/**
 * The CAP choice the register is asked to make, handed to `decide`: `'CP'` stays consistent (refusing
 * when it must), `'AP'` stays available (answering when it can).
 */
export type ConsistencyMode = 'CP' | 'AP';
/**
 * How a replica serves one request: `'quorum'` (wait for a quorum of replicas), `'local'` (use its own
 * copy alone) or `'reject'` (refuse at once; the client records `fail`).
 */
export type Decision = 'quorum' | 'local' | 'reject';
/** The operations the register serves. */
export type RegisterOperation = 'read' | 'write';

/** One version of the register's value: who wrote it, when (coordinator clock, ms). */
export interface Versioned {
  readonly value: unknown;
  readonly ts: number;
  readonly writer: string;
}

/** Before any write: older than every write (ts 0, empty writer id). */
export const INITIAL_VERSION: Versioned = Object.freeze({ value: null, ts: 0, writer: '' });

/**
 * Chooses a `Decision` for a request from the operation, the mode, how many replicas the coordinator can
 * reach (itself included) and how many there are. Anything other than a `Decision` makes the run throw a
 * `TypeError`.
 */
export type DecideFn = (op: RegisterOperation, mode: ConsistencyMode, reachable: number, n: number) => Decision;
/**
 * The version a replica keeps when it meets another one (gossip, stores, quorum reads), e.g.
 * last-writer-wins. Anything other than a `{ value, ts, writer }` version makes the run throw a `TypeError`.
 */
export type MergeFn = (a: Versioned, b: Versioned) => Versioned;

/**
 * How to build a `replicatedRegister`: the replica ids, the merge rule, `decide` and its `mode`; heartbeat,
 * suspicion and gossip periods are in virtual ms.
 */
export interface ReplicatedRegisterOptions {
  readonly replicas: readonly string[];
  readonly merge: MergeFn;
  /** Chooses how each request is served. */
  readonly decide: DecideFn;
  readonly mode: ConsistencyMode;
  /** Default 10 ms. */
  readonly heartbeatMs?: number;
  /** Default 30 ms. */
  readonly suspectAfterMs?: number;
  /** Default 50 ms. */
  readonly gossipMs?: number;
}

/**
 * The messages the register's replicas exchange: heartbeats, anti-entropy gossip, and the store and query
 * rounds of quorum operations.
 */
export type RegisterMessage =
  | { readonly type: 'heartbeat' }
  | { readonly type: 'gossip'; readonly version: Versioned }
  | { readonly type: 'store'; readonly round: number; readonly version: Versioned }
  | { readonly type: 'stored'; readonly round: number }
  | { readonly type: 'query'; readonly round: number }
  | { readonly type: 'state'; readonly round: number; readonly version: Versioned };

/** "store "c1:3" ts=120 by c1 (op 12)" — how register messages read in a failure's trace. */
export function describeRegisterMessage(message: unknown): string {
  const m = message as RegisterMessage;
  const version = (v: Versioned) => `${JSON.stringify(v.value)} ts=${v.ts}${v.writer ? ` by ${v.writer}` : ''}`;
  switch (m.type) {
    case 'heartbeat':
      return 'heartbeat';
    case 'gossip':
      return `gossip ${version(m.version)}`;
    case 'store':
      return `store ${version(m.version)} (op ${m.round})`;
    case 'stored':
      return `stored (op ${m.round})`;
    case 'query':
      return `query (op ${m.round})`;
    case 'state':
      return `state ${version(m.version)} (op ${m.round})`;
    default:
      return JSON.stringify(message);
  }
}

const DECISIONS: readonly Decision[] = ['quorum', 'local', 'reject'];

function checkedDecision(decide: DecideFn, args: Parameters<DecideFn>): Decision {
  const decision = decide(...args);
  if (!DECISIONS.includes(decision)) {
    throw new TypeError(`decide(${args.map((a) => JSON.stringify(a)).join(', ')}) returned ${JSON.stringify(decision) ?? 'undefined'}; it must return 'quorum', 'local' or 'reject'.`);
  }
  return decision;
}

/** Whether `merged` holds exactly what `version` holds: the same three fields, no more. */
function sameVersion(merged: Versioned, version: Versioned): boolean {
  return merged.ts === version.ts && merged.writer === version.writer && Object.is(merged.value, version.value) && Object.keys(merged).length === 3;
}

/**
 * `merge(a, b)`, checked, as one of the replica's own version objects whenever it can be. Versions are frozen and
 * travel by reference, so a replica usually meets the very object it holds (gossip of a value it already has),
 * and the merge's answer is copied out of learner code like every value: the input it equals is kept instead.
 */
function checkedMerge(merge: MergeFn, a: Versioned, b: Versioned): Versioned {
  // A version merged with itself is itself under any rule that returns one of its two inputs, which is what a
  // merge must do: `merge` is asked only about two different versions (most of a quorum run's merges are not).
  if (a === b) return a;
  const merged = merge(a, b);
  if (merged === null || typeof merged !== 'object' || typeof merged.ts !== 'number' || typeof merged.writer !== 'string') {
    throw new TypeError(`lwwMerge(${JSON.stringify(a)}, ${JSON.stringify(b)}) returned ${JSON.stringify(merged) ?? 'undefined'}; it must return a version { value, ts, writer }.`);
  }
  if (sameVersion(merged, a)) return a;
  return sameVersion(merged, b) ? b : merged;
}

interface Round {
  readonly request: ClientRequest;
  phase: 'query' | 'store';
  /** Replicas that answered this phase, the coordinator included. */
  answers: number;
  version: Versioned;
}

/**
 * A replicated register ready to run: the node program for `buildCluster`, and every replica's current
 * version.
 */
export interface ReplicatedRegister {
  /** The behaviour of replica `id`, for `buildCluster`. */
  readonly program: (id: string) => NodeProgram<RegisterMessage>;
  /** Every replica's current version (as last stored on its disk). */
  versions(): Record<string, Versioned>;
}

const DISK_KEY = 'register';
/** Every heartbeat is this one message: the engine freezes and hashes it once per broadcast, not once per peer. */
const HEARTBEAT: RegisterMessage = Object.freeze({ type: 'heartbeat' });

/**
 * Builds a register replicated over `options.replicas`, served as `decide` chooses and merged with `merge`.
 * Returns its node program and a view of the replicas' versions.
 */
export function replicatedRegister(options: ReplicatedRegisterOptions): ReplicatedRegister {
  const n = options.replicas.length;
  const majority = Math.floor(n / 2) + 1;
  const heartbeatMs = options.heartbeatMs ?? 10;
  const suspectAfterMs = options.suspectAfterMs ?? 30;
  const gossipMs = options.gossipMs ?? 50;
  const writeQuorum = majority;
  const readQuorum = majority;
  const latest: Record<string, Versioned> = Object.fromEntries(options.replicas.map((id) => [id, INITIAL_VERSION]));
  const decide = (op: RegisterOperation, reachable: number): Decision => checkedDecision(options.decide, [op, options.mode, reachable, n]);

  const program = (id: string) => (): NodeBehaviour<RegisterMessage> => {
    const lastHeard = new Map<string, number>();
    const rounds = new Map<number, Round>();
    const ring = [...options.replicas.slice(options.replicas.indexOf(id) + 1), ...options.replicas.slice(0, options.replicas.indexOf(id))];

    const version = (ctx: NodeContext<RegisterMessage>): Versioned => (ctx.disk.get(DISK_KEY) as Versioned | undefined) ?? INITIAL_VERSION;
    const adopt = (ctx: NodeContext<RegisterMessage>, incoming: Versioned): Versioned => {
      const current = version(ctx);
      const merged = checkedMerge(options.merge, current, incoming);
      // The version on disk is already frozen: keeping it needs no write.
      if (merged !== current) ctx.disk.set(DISK_KEY, merged);
      latest[id] = merged;
      return merged;
    };

    const startStore = (ctx: NodeContext<RegisterMessage>, round: Round, stored: Versioned): void => {
      round.phase = 'store';
      round.answers = 1;
      round.version = stored;
      adopt(ctx, stored);
      // One message object for every peer, which the engine freezes and hashes once.
      const store: RegisterMessage = { type: 'store', round: round.request.id, version: stored };
      for (const peer of ring) ctx.send(peer, store);
      finishIfDone(ctx, round);
    };

    const finishIfDone = (ctx: NodeContext<RegisterMessage>, round: Round): void => {
      if (round.phase === 'query') {
        if (round.answers < readQuorum) return;
        startStore(ctx, round, round.version);
        return;
      }
      if (round.answers >= writeQuorum) finish(ctx, round);
    };

    const finish = (ctx: NodeContext<RegisterMessage>, round: Round): void => {
      rounds.delete(round.request.id);
      ctx.reply(round.request, round.request.f === 'read' ? round.version.value : undefined);
    };

    return {
      onStart(ctx) {
        for (const peer of ctx.peers) lastHeard.set(peer, ctx.now);
        ctx.setTimer(heartbeatMs, 'heartbeat');
        ctx.setTimer(gossipMs, 'gossip');
      },
      onTimer(ctx, name) {
        if (name === 'heartbeat') {
          for (const peer of ctx.peers) ctx.send(peer, HEARTBEAT);
          ctx.setTimer(heartbeatMs, 'heartbeat');
        } else {
          const gossip: RegisterMessage = { type: 'gossip', version: version(ctx) };
          for (const peer of ctx.peers) ctx.send(peer, gossip);
          ctx.setTimer(gossipMs, 'gossip');
        }
      },
      onMessage(ctx, from, message) {
        lastHeard.set(from, ctx.now);
        switch (message.type) {
          case 'heartbeat':
            return;
          case 'gossip':
            adopt(ctx, message.version);
            return;
          case 'store':
            adopt(ctx, message.version);
            ctx.send(from, { type: 'stored', round: message.round });
            return;
          case 'query':
            ctx.send(from, { type: 'state', round: message.round, version: version(ctx) });
            return;
          case 'stored':
          case 'state': {
            const round = rounds.get(message.round);
            const expected = message.type === 'stored' ? 'store' : 'query';
            if (round === undefined || round.phase !== expected) return;
            if (message.type === 'state') round.version = checkedMerge(options.merge, round.version, message.version);
            round.answers += 1;
            finishIfDone(ctx, round);
            return;
          }
        }
      },
      onRequest(ctx, request) {
        if (request.f !== 'read' && request.f !== 'write') {
          ctx.fail(request, `unknown operation ${request.f}`);
          return;
        }
        const reachable = 1 + ctx.peers.filter((peer) => ctx.now - (lastHeard.get(peer) ?? -Infinity) <= suspectAfterMs).length;
        const decision = decide(request.f, reachable);
        if (decision === 'reject') {
          ctx.fail(request, `refused: ${reachable} of ${n} replicas reachable`);
          return;
        }
        const written: Versioned = { value: request.input, ts: ctx.now, writer: request.client };
        if (decision === 'local') {
          const current = request.f === 'write' ? adopt(ctx, written) : version(ctx);
          if (request.f === 'write') {
            const gossip: RegisterMessage = { type: 'gossip', version: current };
            for (const peer of ctx.peers) ctx.send(peer, gossip);
          }
          ctx.reply(request, request.f === 'read' ? current.value : undefined);
          return;
        }
        const round: Round = { request, phase: 'query', answers: 1, version: version(ctx) };
        rounds.set(request.id, round);
        if (request.f === 'write') {
          startStore(ctx, round, written);
          return;
        }
        const query: RegisterMessage = { type: 'query', round: request.id };
        for (const peer of ring) ctx.send(peer, query);
        finishIfDone(ctx, round);
      },
      // For a learner stepping through a run: the version this replica holds.
      state: () => latest[id],
    };
  };

  return { program, versions: () => ({ ...latest }) };
}
