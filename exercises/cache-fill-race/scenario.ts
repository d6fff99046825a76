/**
 * Asynchronous cache-aside with a race between a slow read's fill and a write's delete, for lesson 14.
 *
 * Two application servers share one cache node and one database node. `app2` sits next to the database;
 * `app1` is in another zone, `APP1_DB_MS` away. A read asks the cache; on a miss it reads the database,
 * answers its client and sends the value to the cache as a **fill**, with the token the cache handed out on
 * the miss. A write updates the database, then sends the cache a **delete**, then answers its client. The
 * cache's decisions are plugged in (the learner's `LeaseCache`); messages carry plain copies of what it answers.
 *
 * After a seeded workload on three keys, a scripted story opens the window on a fresh key on every seed: `c1`
 * reads it through `app1` (a miss; the database read returns the old row), `c3` writes it through `app2`,
 * whose delete reaches the cache before `c1`'s fill does. A cache that takes that fill keeps the old value
 * until the next write. Then, after the last write is acknowledged and `SETTLE_MS` have passed, every client
 * reads every key in rounds.
 *
 * The scenario records evidence for the tests: every call the cache received and what it answered, every
 * fill with the database version it carries and whether a delete overtook it, and every database read and write.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { ClientRequest, NodeBehaviour, NodeContext } from '../../src/sim/index.ts';
import { buildCluster, startWorkload, type ScenarioRun } from '../../src/testkit/scenario.ts';

/** What the cache answers a get, as plain data of the grader's. */
export type PlainLookup = { readonly hit: true; readonly value: string } | { readonly hit: false; readonly token: number | string | null };

/** What a cache node needs of the learner's cache. */
export interface CacheLike {
  get(key: string): unknown;
  fill(key: string, value: string, token: never): unknown;
  delete(key: string): void;
}

/** One thing that happened to a key, at the cache or the database: the lines of a failure's story. */
export interface KeyEvent {
  readonly atMs: number;
  readonly key: string;
  readonly line: string;
}

export interface GetRecord {
  readonly atMs: number;
  readonly key: string;
  readonly op: number;
  readonly lookup: PlainLookup;
}

export interface FillRecord {
  readonly atMs: number;
  readonly key: string;
  readonly value: string;
  /** The database version the value was read at (0: the row as it was before any write). */
  readonly version: number;
  readonly op: number;
  /** When the read's get missed at the cache. */
  readonly missAtMs: number;
  /** Whether the cache said it stored the value. */
  readonly stored: boolean;
  /** A delete of the key reached the cache between the miss and this fill. */
  readonly overtaken: boolean;
  /** The database held a newer version when the fill arrived. */
  readonly stale: boolean;
}

export interface DeleteRecord {
  readonly atMs: number;
  readonly key: string;
  readonly op: number;
}

export interface CacheFillRun extends ScenarioRun {
  readonly gets: readonly GetRecord[];
  readonly fills: readonly FillRecord[];
  readonly deletes: readonly DeleteRecord[];
  readonly events: readonly KeyEvent[];
  /** What the database holds at the end, by key. */
  readonly rows: Readonly<Record<string, string>>;
}

export const APP1_DB_MS = { minMs: 40, maxMs: 50 } as const;
export const WORKLOAD_KEYS = ['user:1', 'user:2', 'user:3'] as const;
export const INITIAL_VALUE = 'initial';
export const WORKLOAD_UNTIL_MS = 300;
/** The scripted race on a key the workload never touches: c1's read at app1, then c3's write at app2. */
export const STORY = {
  key: 'user:7',
  read: { atMs: 700, client: 'c1' },
  write: { atMs: 762, client: 'c3', value: 'c3:story' },
} as const;
export const KEYS = [...WORKLOAD_KEYS, STORY.key] as const;
export const SETTLE_MS = 100;
/** When every client reads one key each, rotating, so each key is read once per round. */
export const ROUNDS_MS = [1000, 1200, 1400] as const;
export const END_MS = 1600;

const CLIENTS = [
  { id: 'c1', node: 'app1' },
  { id: 'c2', node: 'app1' },
  { id: 'c3', node: 'app2' },
  { id: 'c4', node: 'app2' },
] as const;

type Message =
  | { type: 'get'; op: number; key: string }
  | { type: 'lookup'; op: number; key: string; lookup: PlainLookup; missAtMs: number; deletesAtMiss: number }
  | { type: 'read'; op: number; key: string }
  | { type: 'row'; op: number; key: string; value: string; version: number }
  | { type: 'fill'; op: number; key: string; value: string; version: number; token: number | string | null; missAtMs: number; deletesAtMiss: number }
  | { type: 'write'; op: number; key: string; value: string }
  | { type: 'written'; op: number; key: string }
  | { type: 'delete'; op: number; key: string }
  | { type: 'deleted'; op: number };

/** The learner's answer to a get, as plain data: a hit needs `hit: true` and a string value. */
export function plainLookup(answer: unknown): PlainLookup {
  const a = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
  if (a['hit'] === true && typeof a['value'] === 'string') return { hit: true, value: a['value'] };
  const token = a['token'];
  return { hit: false, token: typeof token === 'number' || typeof token === 'string' ? token : null };
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

export function cacheFillRun(makeCache: () => CacheLike, seed: number): CacheFillRun {
  const sim = new Simulation({ seed, trace: true, describeMessage });
  const gets: GetRecord[] = [];
  const fills: FillRecord[] = [];
  const deletes: DeleteRecord[] = [];
  const events: KeyEvent[] = [];
  const rows = new Map<string, { value: string; version: number }>(KEYS.map((key) => [key, { value: INITIAL_VALUE, version: 0 }]));
  const deleteCount = new Map<string, number>();
  const clientOf = new Map<number, string>();
  const note = (key: string, line: string) => events.push({ atMs: sim.now, key, line: `t=${sim.now}ms  ${line}` });
  const who = (op: number) => `${clientOf.get(op) ?? '?'}'s op ${op}`;

  const cacheNode = (): NodeBehaviour<Message> => {
    const cache = makeCache();
    return {
      onMessage(ctx, from, m) {
        if (m.type === 'get') {
          const lookup = plainLookup(cache.get(m.key));
          gets.push({ atMs: sim.now, key: m.key, op: m.op, lookup });
          note(m.key, `cache   get ${m.key} (${who(m.op)}) → ${lookup.hit ? `hit ${show(lookup.value)}` : `miss, token ${show(lookup.token)}`}`);
          ctx.send(from, { type: 'lookup', op: m.op, key: m.key, lookup, missAtMs: sim.now, deletesAtMiss: deleteCount.get(m.key) ?? 0 });
        } else if (m.type === 'fill') {
          const stored = cache.fill(m.key, m.value, m.token as never) === true;
          const overtaken = (deleteCount.get(m.key) ?? 0) > m.deletesAtMiss;
          const stale = m.version < rows.get(m.key)!.version;
          fills.push({ atMs: sim.now, key: m.key, value: m.value, version: m.version, op: m.op, missAtMs: m.missAtMs, stored, overtaken, stale });
          note(m.key, `cache   fill ${m.key} = ${show(m.value)} with token ${show(m.token)} (${who(m.op)}, read at version ${m.version}) → ${stored ? 'stored' : 'refused'}`);
        } else if (m.type === 'delete') {
          cache.delete(m.key);
          deleteCount.set(m.key, (deleteCount.get(m.key) ?? 0) + 1);
          deletes.push({ atMs: sim.now, key: m.key, op: m.op });
          note(m.key, `cache   delete ${m.key} (${who(m.op)})`);
          ctx.send(from, { type: 'deleted', op: m.op });
        }
      },
    };
  };

  const dbNode = (): NodeBehaviour<Message> => ({
    onMessage(ctx, from, m) {
      const row = rows.get(m.type === 'read' || m.type === 'write' ? m.key : '');
      if (m.type === 'read' && row !== undefined) {
        note(m.key, `db      read ${m.key} (${who(m.op)}) → ${show(row.value)}, version ${row.version}`);
        ctx.send(from, { type: 'row', op: m.op, key: m.key, value: row.value, version: row.version });
      } else if (m.type === 'write' && row !== undefined) {
        rows.set(m.key, { value: m.value, version: row.version + 1 });
        note(m.key, `db      write ${m.key} = ${show(m.value)} (${who(m.op)}), version ${row.version + 1}`);
        ctx.send(from, { type: 'written', op: m.op, key: m.key });
      }
    },
  });

  const appNode = (): NodeBehaviour<Message> => {
    /** Each client operation in progress, and for a read that missed, what its fill must carry. */
    const waiting = new Map<number, { request: ClientRequest; miss?: { token: number | string | null; missAtMs: number; deletesAtMiss: number } }>();
    const finish = (ctx: NodeContext<Message>, op: number, output?: unknown) => {
      const entry = waiting.get(op);
      waiting.delete(op);
      if (entry !== undefined) ctx.reply(entry.request, output);
    };
    return {
      onRequest(ctx, request) {
        const key = String(request.key);
        clientOf.set(request.id, request.client);
        waiting.set(request.id, { request });
        if (request.f === 'read') ctx.send('cache', { type: 'get', op: request.id, key });
        else ctx.send('db', { type: 'write', op: request.id, key, value: String(request.input) });
      },
      onMessage(ctx, _from, m) {
        const entry = waiting.get(m.op);
        if (entry === undefined) return;
        if (m.type === 'lookup') {
          if (m.lookup.hit) return finish(ctx, m.op, m.lookup.value);
          entry.miss = { token: m.lookup.token, missAtMs: m.missAtMs, deletesAtMiss: m.deletesAtMiss };
          ctx.send('db', { type: 'read', op: m.op, key: m.key });
        } else if (m.type === 'row' && entry.miss !== undefined) {
          // Cache-aside fills asynchronously: the reader has its value, the fill travels on its own.
          ctx.send('cache', { type: 'fill', op: m.op, key: m.key, value: m.value, version: m.version, ...entry.miss });
          finish(ctx, m.op, m.value);
        } else if (m.type === 'written') {
          ctx.send('cache', { type: 'delete', op: m.op, key: m.key });
        } else if (m.type === 'deleted') {
          finish(ctx, m.op);
        }
      },
    };
  };

  const programs: Record<string, () => NodeBehaviour<Message>> = { cache: cacheNode, db: dbNode, app1: appNode, app2: appNode };
  buildCluster(sim, {
    nodes: ['app1', 'app2', 'cache', 'db'],
    program: (node) => programs[node]!,
    link: { latency: { kind: 'uniform', minMs: 1, maxMs: 4 }, loss: 0, duplicate: 0, order: 'reorder' },
  });
  sim.network.setLink('app1', 'db', { latency: { kind: 'uniform', ...APP1_DB_MS } }, { bothWays: true });

  const rounds = ROUNDS_MS.flatMap((atMs, round) =>
    CLIENTS.map((client, i) => ({ atMs, client: client.id, op: { f: 'read', key: KEYS[(i + round) % KEYS.length]! } })),
  );
  startWorkload(sim, {
    clients: CLIENTS,
    timeoutMs: 150,
    stopMs: WORKLOAD_UNTIL_MS,
    thinkMs: 10,
    clientLink: { latency: { kind: 'constant', ms: 1 }, loss: 0, duplicate: 0, order: 'fifo' },
    // Mostly reads, some writes, on three keys; every written value names its client and count, so it is unique.
    next: ({ client, rng, count }) => {
      const key = rng.pick(WORKLOAD_KEYS);
      return rng.chance(0.25) ? { f: 'write', key, input: `${client.id}:${count + 1}` } : { f: 'read', key };
    },
    script: [
      { atMs: STORY.read.atMs, client: STORY.read.client, op: { f: 'read', key: STORY.key } },
      { atMs: STORY.write.atMs, client: STORY.write.client, op: { f: 'write', key: STORY.key, input: STORY.write.value } },
      ...rounds,
    ],
  });
  sim.run({ untilMs: END_MS });
  return {
    seed, sim, history: sim.history(), faults: [], healedAt: 0, endMs: END_MS,
    gets, fills, deletes, events, rows: Object.fromEntries([...rows].map(([key, row]) => [key, row.value])),
  };
}

function describeMessage(message: unknown): string {
  const m = message as Partial<Message> & Record<string, unknown>;
  switch (m.type) {
    case 'get': return `get ${m.key}`;
    case 'lookup': return `${m.key} ${m.lookup?.hit ? `hit ${show(m.lookup.value)}` : `miss, token ${show((m.lookup as { token?: unknown } | undefined)?.token)}`}`;
    case 'read': return `read ${m.key}`;
    case 'row': return `row ${m.key} = ${show(m.value)} (version ${m.version})`;
    case 'fill': return `fill ${m.key} = ${show(m.value)} token ${show(m.token)}`;
    case 'write': return `write ${m.key} = ${show(m.value)}`;
    case 'written': return `written ${m.key}`;
    case 'delete': return `delete ${m.key}`;
    case 'deleted': return 'deleted';
    default: return JSON.stringify(message);
  }
}
