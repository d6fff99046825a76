/**
 * A majority register over three replicas, for lesson 06's ABD exercise (Attiya, Bar-Noy and Dolev, 1995).
 *
 * Replicas A, B and C each hold one version of the register: a value, the coordinator's clock when its write
 * arrived, and the writing client's id. The replica a client talks to coordinates its request. A write is
 * stored at every replica and acknowledged once a majority (two of three, the coordinator included) has it.
 * A read is the learner's `read`: it gets a `ReadQuorum` whose `query` collects the first majority's versions
 * and whose `store` sends a version to every replica and waits for a majority. A replica that receives a
 * version keeps the newer of it and its own, as the learner's `newest` decides.
 *
 * After a phase of random reads and writes, a scripted story opens the window this exercise is about. `c1`
 * writes `c1:last` at A, but A's messages to B and C are lost for a few milliseconds, so the write reaches A
 * alone: it is neither finished nor lost. From then on A's messages to C stay lost until the heal. `c2` reads
 * at A and sees `c1:last`; once that read has returned, `c3` reads at C, whose majority can only be C and B.
 * Unless the first read wrote `c1:last` back to a majority before returning, B and C still hold the older
 * value, and the later read returns it.
 *
 * The scenario records evidence for the tests: every version a write sent, and at every read reply the value
 * returned and what every replica held at that moment.
 */
import type { FaultPlan, NodeBehaviour, NodeContext, ClientRequest } from '../../src/sim/index.ts';
import { runScenario, type ScenarioRun } from '../../src/testkit/scenario.ts';

export interface Version {
  readonly value: string | null;
  readonly ts: number;
  readonly writer: string;
}

/** What a read's coordinator can do (the learner's `read` receives one per read). */
export interface ReadQuorum {
  query(then: (replies: Version[]) => void): void;
  store(version: unknown, then: () => void): void;
  reply(value: unknown): void;
}

/** The learner's two functions, or the reference ones. */
export interface RegisterRules {
  readonly newest: (replies: Version[]) => unknown;
  readonly read: (quorum: ReadQuorum) => void;
}

/** A read's reply, with what every replica held when the read arrived and when it replied. */
export interface ReadReply {
  readonly startedMs: number;
  readonly heldAtStart: Readonly<Record<string, Version>>;
  readonly atMs: number;
  readonly node: string;
  readonly client: string;
  readonly value: string | null;
  readonly held: Readonly<Record<string, Version>>;
}

export interface AbdRun extends ScenarioRun {
  /** Every version a write sent, in the order the writes arrived. */
  readonly writes: readonly Version[];
  readonly replies: readonly ReadReply[];
  /** Each replica's version at the end. */
  readonly versions: Readonly<Record<string, Version>>;
}

export const REPLICAS = ['A', 'B', 'C'] as const;
export const MAJORITY = 2;
export const CLIENTS_FROM_MS = 20;
export const CLIENTS_UNTIL_MS = 200;
export const CLIENT_TIMEOUT_MS = 100;
/** The scripted story: a write that reaches A alone, a read at A, then a read at C that cannot hear from A. */
export const STORY = {
  write: { atMs: 700, client: 'c1', node: 'A', value: 'c1:last' },
  /** A's messages to B and C are lost in this window, which holds the write's stores to B and C. */
  writeCut: { fromMs: 702, untilMs: 710 },
  firstRead: { atMs: 720, client: 'c2', node: 'A' },
  /** A's messages to C are lost from here until the heal. */
  cOffFromMs: 711,
  secondRead: { atMs: 760, client: 'c3', node: 'C' },
  healMs: 820,
} as const;
const SETTLE_MS = 30;

export const INITIAL: Version = Object.freeze({ value: null, ts: 0, writer: '' });

type AbdMessage =
  | { readonly type: 'query'; readonly round: number }
  | { readonly type: 'state'; readonly round: number; readonly version: Version }
  | { readonly type: 'store'; readonly round: number; readonly version: Version }
  | { readonly type: 'stored'; readonly round: number };

const FAULTS: FaultPlan = [
  { at: STORY.writeCut.fromMs, kind: 'partition-one-way', from: ['A'], to: ['B', 'C'] },
  { at: STORY.writeCut.untilMs, kind: 'heal' },
  { at: STORY.cOffFromMs, kind: 'partition-one-way', from: ['A'], to: ['C'] },
];

export const describeVersion = (v: Version): string => (v.writer === '' ? 'nothing (never written)' : `${JSON.stringify(v.value)} (ts ${v.ts}, by ${v.writer})`);

function describeAbdMessage(message: unknown): string {
  const m = message as AbdMessage;
  if (m.type === 'query' || m.type === 'stored') return `${m.type} (op ${m.round})`;
  return `${m.type} ${describeVersion(m.version)} (op ${m.round})`;
}

/** A version as plain data of the scenario's own, or a `TypeError` naming what learner code handed over. */
function plainVersion(what: string, v: unknown): Version {
  const candidate = v as Partial<Version> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.ts !== 'number' || typeof candidate.writer !== 'string' || (candidate.value !== null && typeof candidate.value !== 'string')) {
    throw new TypeError(`${what} was ${JSON.stringify(v) ?? 'undefined'}; it must be a version { value, ts, writer } that a replica sent.`);
  }
  return { value: candidate.value, ts: candidate.ts, writer: candidate.writer };
}

export function abdRun(rules: RegisterRules, seed: number): AbdRun {
  const versions: Record<string, Version> = Object.fromEntries(REPLICAS.map((id) => [id, INITIAL]));
  const writes: Version[] = [];
  const replies: ReadReply[] = [];

  const program = (id: string) => (): NodeBehaviour<AbdMessage> => {
    let nextRound = 0;
    /** Open rounds: what to call with each reply, until the round has heard from a majority. */
    const rounds = new Map<number, (from: AbdMessage) => void>();

    const adopt = (incoming: Version): void => {
      const held = versions[id]!;
      versions[id] = plainVersion(`newest([${describeVersion(held)}, ${describeVersion(incoming)}])`, rules.newest([{ ...held }, { ...incoming }]));
    };

    const query = (ctx: NodeContext<AbdMessage>, then: (replies: Version[]) => void): void => {
      const round = nextRound++;
      const heard: Version[] = [versions[id]!];
      rounds.set(round, (message) => {
        if (message.type !== 'state') return;
        heard.push(message.version);
        if (heard.length < MAJORITY) return;
        rounds.delete(round);
        then(heard.map((v) => ({ ...v })));
      });
      for (const peer of ctx.peers) ctx.send(peer, { type: 'query', round });
    };

    const store = (ctx: NodeContext<AbdMessage>, version: Version, then: () => void): void => {
      const round = nextRound++;
      let stored = 1;
      adopt(version);
      rounds.set(round, (message) => {
        if (message.type !== 'stored') return;
        stored += 1;
        if (stored < MAJORITY) return;
        rounds.delete(round);
        then();
      });
      for (const peer of ctx.peers) ctx.send(peer, { type: 'store', round, version });
    };

    const coordinateRead = (ctx: NodeContext<AbdMessage>, request: ClientRequest): void => {
      let replied = false;
      const startedMs = ctx.now;
      const heldAtStart = { ...versions };
      rules.read({
        query: (then) => query(ctx, then),
        store: (version, then) => store(ctx, plainVersion('the version read() stored', version), then),
        reply: (value) => {
          if (replied) throw new Error(`read() replied twice to ${request.client}'s read; a read replies once.`);
          if (value !== null && typeof value !== 'string') {
            throw new TypeError(`read() replied ${JSON.stringify(value) ?? 'undefined'}; it must reply with the value of a version (a string, or null before the first write).`);
          }
          replied = true;
          replies.push({ startedMs, heldAtStart, atMs: ctx.now, node: id, client: request.client, value, held: { ...versions } });
          ctx.reply(request, value);
        },
      });
    };

    return {
      // For a learner stepping through a run: the version this replica holds.
      state: () => versions[id],
      onMessage(ctx, from, message) {
        switch (message.type) {
          case 'query':
            ctx.send(from, { type: 'state', round: message.round, version: versions[id]! });
            return;
          case 'store':
            adopt(message.version);
            ctx.send(from, { type: 'stored', round: message.round });
            return;
          default:
            rounds.get(message.round)?.(message);
        }
      },
      onRequest(ctx, request) {
        if (request.f === 'read') return coordinateRead(ctx, request);
        const written: Version = { value: String(request.input), ts: ctx.now, writer: request.client };
        writes.push(written);
        store(ctx, written, () => ctx.reply(request));
      },
    };
  };

  const run = runScenario(
    {
      cluster: { nodes: REPLICAS, program, link: { latency: { kind: 'uniform', minMs: 2, maxMs: 6 }, loss: 0, duplicate: 0, order: 'reorder' } },
      faults: FAULTS,
      healAtMs: STORY.healMs,
      workload: {
        clients: REPLICAS.map((node, i) => ({ id: `c${i + 1}`, node })),
        timeoutMs: CLIENT_TIMEOUT_MS,
        startMs: CLIENTS_FROM_MS,
        stopMs: CLIENTS_UNTIL_MS,
        thinkMs: 5,
        clientLink: { latency: { kind: 'constant', ms: 1 }, loss: 0, duplicate: 0, order: 'fifo' },
        // Half reads, half writes of values that name the client and its count, so every written value is unique.
        next: ({ client, rng, count }) => (rng.chance(0.5) ? { f: 'write', input: `${client.id}:${count}` } : { f: 'read' }),
        script: [
          { atMs: STORY.write.atMs, client: STORY.write.client, op: { f: 'write', input: STORY.write.value, node: STORY.write.node } },
          { atMs: STORY.firstRead.atMs, client: STORY.firstRead.client, op: { f: 'read', node: STORY.firstRead.node } },
          { atMs: STORY.secondRead.atMs, client: STORY.secondRead.client, op: { f: 'read', node: STORY.secondRead.node } },
        ],
      },
      settleMs: SETTLE_MS,
      describeMessage: describeAbdMessage,
    },
    seed,
  );
  return { ...run, writes, replies, versions: { ...versions } };
}
