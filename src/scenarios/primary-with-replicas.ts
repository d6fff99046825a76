/**
 * A primary with read replicas, for the consistency lessons: one writer sends every write to the primary
 * P, readers read from replicas R1, R2, …, and the primary ships each write to the replicas over slower,
 * lossy links. A replication policy decides the consistency the readers get:
 *
 * - `acksBeforeReply`: how many replicas must have stored a write before the primary acknowledges it
 *   (all of them: a read that starts after the acknowledgement finds the write everywhere; 0: the
 *   primary answers at once and readers of a lagging replica see old values for a while);
 * - `retransmitMs`: how often the primary resends the latest write to replicas that have not confirmed
 *   it (`null`: never — a lost message is lost for good, so replicas may never catch up).
 *
 * A replica keeps the write with the highest sequence number it has seen, so late, duplicated or
 * reordered messages cannot move it backwards.
 */
import type { ClientRequest, LinkConfig, NodeBehaviour, NodeContext } from '../sim/index.ts';
import { runScenario, type ScenarioRun, type ScriptedOperation } from '../testkit/scenario.ts';

export interface ReplicationPolicy {
  readonly acksBeforeReply: number;
  readonly retransmitMs: number | null;
}

/** What a replica (or the primary) holds: the latest write it has stored, by sequence number. */
export interface StoredWrite {
  readonly seq: number;
  readonly value: unknown;
}

export type ReplicationMessage =
  | { readonly type: 'replicate'; readonly seq: number; readonly value: unknown }
  | { readonly type: 'ack'; readonly seq: number };

export function describeReplicationMessage(message: unknown): string {
  const m = message as ReplicationMessage;
  return m.type === 'replicate' ? `replicate #${m.seq} ${JSON.stringify(m.value)}` : `ack #${m.seq}`;
}

export const PRIMARY = 'P';
/** The default one-way delay of a copy from the primary to a replica, before loss and resends. */
export const REPLICA_LINK_LATENCY = Object.freeze({ kind: 'uniform', minMs: 5, maxMs: 60 } as const);
const NOTHING: StoredWrite = Object.freeze({ seq: 0, value: null });

export interface PrimaryWithReplicasOptions {
  readonly policy: ReplicationPolicy;
  /** Number of replicas (default 2): R1, R2, … */
  readonly replicas?: number;
  /** Links between the primary and the replicas (default: 5–60 ms, 10% loss). */
  readonly replicaLink?: Partial<LinkConfig>;
  /** The writer (c1 → P) and the readers (one per replica) run from 10 ms until this time (default 600). */
  readonly stopMs?: number;
  /** Pause between a client's operations (default 10 ms). */
  readonly thinkMs?: number;
  /** Fixed operations instead of the random workload, for small stories (figures). */
  readonly script?: readonly ScriptedOperation[];
  /** Undisturbed time after the workload before the replicas are judged (default 500 ms). */
  readonly settleMs?: number;
}

export interface PrimaryWithReplicasRun extends ScenarioRun {
  /** What each node (primary included) held at the end of the settle window. */
  readonly stored: Readonly<Record<string, StoredWrite>>;
}

function replicaIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `R${i + 1}`);
}

function primary(policy: ReplicationPolicy, replicas: readonly string[], stored: Record<string, StoredWrite>): () => NodeBehaviour<ReplicationMessage> {
  return () => {
    let latest = NOTHING;
    const confirmed = new Map(replicas.map((r) => [r, 0]));
    const waiting: { readonly request: ClientRequest; readonly seq: number }[] = [];
    const confirmedCount = (seq: number) => replicas.filter((r) => confirmed.get(r)! >= seq).length;
    const replyToConfirmed = (ctx: NodeContext<ReplicationMessage>) => {
      while (waiting.length > 0 && confirmedCount(waiting[0]!.seq) >= policy.acksBeforeReply) ctx.reply(waiting.shift()!.request);
    };
    return {
      onStart(ctx) {
        if (policy.retransmitMs !== null) ctx.setTimer(policy.retransmitMs, 'retransmit');
      },
      onRequest(ctx, request) {
        if (request.f !== 'write') return ctx.fail(request, 'the primary takes writes; read from a replica');
        latest = { seq: latest.seq + 1, value: request.input };
        stored[PRIMARY] = latest;
        for (const replica of replicas) ctx.send(replica, { type: 'replicate', ...latest });
        waiting.push({ request, seq: latest.seq });
        replyToConfirmed(ctx);
      },
      onMessage(ctx, from, message) {
        if (message.type !== 'ack') return;
        confirmed.set(from, Math.max(confirmed.get(from)!, message.seq));
        replyToConfirmed(ctx);
      },
      onTimer(ctx) {
        for (const replica of replicas) if (confirmed.get(replica)! < latest.seq) ctx.send(replica, { type: 'replicate', ...latest });
        ctx.setTimer(policy.retransmitMs!, 'retransmit');
      },
    };
  };
}

function replica(id: string, stored: Record<string, StoredWrite>): () => NodeBehaviour<ReplicationMessage> {
  return () => {
    let latest = NOTHING;
    return {
      onRequest: (ctx, request) => (request.f === 'read' ? ctx.reply(request, latest.value) : ctx.fail(request, 'replicas are read-only')),
      onMessage(ctx, from, message) {
        if (message.type !== 'replicate') return;
        if (message.seq > latest.seq) latest = { seq: message.seq, value: message.value };
        stored[id] = latest;
        ctx.send(from, { type: 'ack', seq: latest.seq });
      },
    };
  };
}

export function primaryWithReplicasRun(options: PrimaryWithReplicasOptions, seed: number): PrimaryWithReplicasRun {
  const replicas = replicaIds(options.replicas ?? 2);
  const nodes = [PRIMARY, ...replicas];
  const stored: Record<string, StoredWrite> = Object.fromEntries(nodes.map((node) => [node, NOTHING]));
  const scripted = options.script !== undefined;
  const run = runScenario(
    {
      cluster: {
        nodes,
        program: (node) => (node === PRIMARY ? primary(options.policy, replicas, stored) : replica(node, stored)),
        link: { latency: REPLICA_LINK_LATENCY, loss: 0.1, ...options.replicaLink },
      },
      workload: {
        clients: [{ id: 'c1', node: PRIMARY }, ...replicas.map((node, i) => ({ id: `c${i + 2}`, node }))],
        // A write that waits for acknowledgements can take a while under loss; the client waits for it.
        timeoutMs: 1_000,
        startMs: 10,
        stopMs: scripted ? 0 : (options.stopMs ?? 600),
        thinkMs: options.thinkMs ?? 10,
        clientLink: { latency: { kind: 'constant', ms: 1 }, loss: 0, order: 'fifo' },
        next: ({ client, count }) => (scripted ? null : client.node === PRIMARY ? { f: 'write', input: `${client.id}:${count + 1}` } : { f: 'read' }),
        ...(scripted ? { script: options.script } : {}),
      },
      settleMs: options.settleMs ?? 500,
      describeMessage: describeReplicationMessage,
    },
    seed,
  );
  return { ...run, stored: { ...stored } };
}
