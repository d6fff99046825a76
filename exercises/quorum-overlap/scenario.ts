/**
 * Quorum sizes under writer-side versioning, for lesson 06's quorum exercise.
 *
 * Five replicas, A to E, each hold one version of a register: a version number, the writing client's id and
 * the value. Versions compare by number, and equal numbers by the writer's id (the larger id wins), so every
 * replica and every reader ranks them the same way. The replica a client talks to coordinates its request:
 *
 * - A **write** asks W replicas for their versions, stamps its value with the highest number it heard plus
 *   one, stores it at W replicas and is acknowledged once W have stored it. The version number comes from the
 *   write's own group, not from a coordinator that orders all writes.
 * - A **read** asks R replicas and returns the value of the newest version among their answers. It does not
 *   write back, and nothing copies versions in the background: a replica learns a version only from a write.
 * - Each phase asks its coordinator first and then the replicas after it in the ring (A, B, C, D, E, A, …):
 *   the same replicas every time while all answer. A replica that has not answered within `RETRY_MS` is
 *   passed over: the coordinator asks the next one in the ring instead, so a cut-off replica costs a little
 *   time, not the request, while enough others are reachable.
 *
 * Two runs, each with slightly different link delays per seed:
 *
 * - `oneWriterRun`: `c1` writes at A again and again; `c2`, `c4` and `c5` read at B, D and E. C is cut off
 *   from everyone from `CUT_OFF.fromMs` to `CUT_OFF.toMs`.
 * - `twoWritersRun`: `c4` at D and `c1` at A write in turns, every `WRITE_EVERY_MS`, starting with `c4`;
 *   `c2`, `c3` and `c5` read at B, C and E all along. Each write of `c1` begins after the write of `c4`
 *   before it was acknowledged: if the two writes asked groups that do not meet, both stamp the same number,
 *   and the earlier write, by the larger id, outranks the later one everywhere.
 */
import type { ClientRequest, FaultPlan, NodeBehaviour, NodeContext } from '../../src/sim/index.ts';
import { runScenario, type ScenarioRun, type Workload } from '../../src/testkit/scenario.ts';

/** The replicas, in ring order. */
export const REPLICAS = ['A', 'B', 'C', 'D', 'E'] as const;
/** How many replicas there are. */
export const N = REPLICAS.length;
/** How long a coordinator waits for a replica before it asks the next one in the ring instead. */
export const RETRY_MS = 20;
/** How long a client waits for a reply: an operation not answered by then is not answered in time. */
export const CLIENT_TIMEOUT_MS = 100;
/** The replica cut off from all the others in `oneWriterRun`, and when. */
export const CUT_OFF = Object.freeze({ replica: 'C', fromMs: 250, toMs: 550 });
/** How often a write starts in `twoWritersRun`, alternating c4 at D and c1 at A. */
export const WRITE_EVERY_MS = 60;
/** The workload stops at this time in both runs. */
export const STOP_MS = 700;

/** The quorum sizes under test: W replicas store each write, R replicas answer each read. */
export interface QuorumSizes {
  readonly w: number;
  readonly r: number;
}

/** One version of the register. `n` 0 with writer '' is the initial, never-written version. */
export interface Version {
  readonly n: number;
  readonly writer: string;
  readonly value: string | null;
}

const INITIAL: Version = Object.freeze({ n: 0, writer: '', value: null });

/** True when `a` outranks `b`: a higher number, or the same number by a larger writer id. */
export const outranks = (a: Version, b: Version): boolean => a.n > b.n || (a.n === b.n && a.writer > b.writer);

/** A write's stamp, recorded when the write stores it: which operation, and the version it stamped. */
export interface Stamp {
  readonly client: string;
  readonly value: string;
  readonly version: Version;
}

/** A finished run: the scenario's own record plus every write's stamp and every replica's version at the end. */
export interface QuorumRun extends ScenarioRun {
  readonly sizes: QuorumSizes;
  readonly stamps: readonly Stamp[];
  readonly versions: Readonly<Record<string, Version>>;
}

type Message =
  | { readonly type: 'ask'; readonly round: number; readonly phase: number }
  | { readonly type: 'version'; readonly round: number; readonly phase: number; readonly version: Version }
  | { readonly type: 'store'; readonly round: number; readonly phase: number; readonly version: Version }
  | { readonly type: 'stored'; readonly round: number; readonly phase: number };

/** "store #3 by c1 "c1:7" (op 12)" — how the run's messages read in a failure's story. */
export function describeQuorumMessage(message: unknown): string {
  const m = message as Message;
  const version = (v: Version) => (v.writer === '' ? 'nothing written' : `#${v.n} by ${v.writer} ${JSON.stringify(v.value)}`);
  switch (m.type) {
    case 'ask':
      return `what version? (op ${m.round})`;
    case 'version':
      return `holds ${version(m.version)} (op ${m.round})`;
    case 'store':
      return `store ${version(m.version)} (op ${m.round})`;
    case 'stored':
      return `stored (op ${m.round})`;
    default:
      return JSON.stringify(message);
  }
}

/** One phase of a request: asking versions (`ask`) or storing one (`store`), until `needed` replicas answered. */
interface Phase {
  readonly request: ClientRequest;
  readonly kind: 'ask' | 'store';
  readonly id: number;
  /** When the coordinator received the request. */
  readonly since: number;
  readonly needed: number;
  readonly asked: Set<string>;
  readonly answered: Set<string>;
  newest: Version;
  stamped?: Version;
}

const DISK_KEY = 'version';

function quorumRegister(sizes: QuorumSizes, stamps: Stamp[], versions: Record<string, Version>) {
  return (id: string) => (): NodeBehaviour<Message> => {
    const at = REPLICAS.indexOf(id as (typeof REPLICAS)[number]);
    const ring = [...REPLICAS.slice(at), ...REPLICAS.slice(0, at)];
    const phases = new Map<number, Phase>();
    let phaseIds = 0;

    const held = (ctx: NodeContext<Message>): Version => (ctx.disk.get(DISK_KEY) as Version | undefined) ?? INITIAL;
    const keep = (ctx: NodeContext<Message>, version: Version): void => {
      if (!outranks(version, held(ctx))) return;
      ctx.disk.set(DISK_KEY, version);
      versions[id] = version;
    };

    /** Asks the next replicas in the ring, as many as answers are still missing; the coordinator answers itself. */
    const askMore = (ctx: NodeContext<Message>, phase: Phase): void => {
      const missing = phase.needed - phase.answered.size;
      const next = ring.filter((replica) => !phase.asked.has(replica)).slice(0, missing);
      for (const replica of next) {
        phase.asked.add(replica);
        if (replica === id) {
          if (phase.kind === 'store') keep(ctx, phase.stamped!);
          answer(ctx, phase, id, held(ctx));
        } else if (phase.kind === 'ask') ctx.send(replica, { type: 'ask', round: phase.request.id, phase: phase.id });
        else ctx.send(replica, { type: 'store', round: phase.request.id, phase: phase.id, version: phase.stamped! });
      }
      if (phases.has(phase.id) && next.length > 0) ctx.setTimer(RETRY_MS, 'retry', phase.id);
    };

    const start = (ctx: NodeContext<Message>, request: ClientRequest, since: number, kind: Phase['kind'], needed: number, stamped?: Version): void => {
      phaseIds += 1;
      const phase: Phase = { request, kind, id: phaseIds, since, needed, asked: new Set(), answered: new Set(), newest: INITIAL, stamped };
      phases.set(phase.id, phase);
      askMore(ctx, phase);
    };

    const answer = (ctx: NodeContext<Message>, phase: Phase, from: string, version: Version): void => {
      if (!phases.has(phase.id) || phase.answered.has(from)) return;
      phase.answered.add(from);
      if (outranks(version, phase.newest)) phase.newest = version;
      if (phase.answered.size < phase.needed) return;
      phases.delete(phase.id);
      const { request } = phase;
      if (phase.kind === 'store') {
        ctx.reply(request, undefined);
      } else if (request.f === 'read') {
        ctx.reply(request, phase.newest.value);
      } else {
        const stamped: Version = { n: phase.newest.n + 1, writer: request.client, value: request.input as string };
        stamps.push({ client: request.client, value: stamped.value!, version: stamped });
        start(ctx, request, phase.since, 'store', sizes.w, stamped);
      }
    };

    return {
      onTimer(ctx, _name, payload) {
        const phase = phases.get(payload as number);
        if (phase === undefined) return;
        // A client gives up after CLIENT_TIMEOUT_MS: a request older than that is dropped, not chased for ever.
        if (ctx.now - phase.since > CLIENT_TIMEOUT_MS) {
          phases.delete(phase.id);
          return;
        }
        askMore(ctx, phase);
      },
      onMessage(ctx, from, message) {
        switch (message.type) {
          case 'ask':
            ctx.send(from, { type: 'version', round: message.round, phase: message.phase, version: held(ctx) });
            return;
          case 'store':
            keep(ctx, message.version);
            ctx.send(from, { type: 'stored', round: message.round, phase: message.phase });
            return;
          case 'version':
          case 'stored': {
            const phase = phases.get(message.phase);
            if (phase === undefined || phase.request.id !== message.round) return;
            answer(ctx, phase, from, message.type === 'version' ? message.version : INITIAL);
            return;
          }
        }
      },
      onRequest(ctx, request) {
        if (request.f !== 'read' && request.f !== 'write') {
          ctx.fail(request, `unknown operation ${request.f}`);
          return;
        }
        start(ctx, request, ctx.now, 'ask', request.f === 'read' ? sizes.r : sizes.w);
      },
    };
  };
}

const LINK = { latency: { kind: 'uniform', minMs: 1, maxMs: 6 } } as const;
/** Constant client links, so the history's order is the order in which replicas saw requests. */
const CLIENT_LINK = { latency: { kind: 'constant', ms: 2 } } as const;

function run(sizes: QuorumSizes, seed: number, workload: Workload, faults: FaultPlan, healAtMs: number | undefined): QuorumRun {
  const stamps: Stamp[] = [];
  const versions: Record<string, Version> = Object.fromEntries(REPLICAS.map((id) => [id, INITIAL]));
  const scenario = runScenario(
    {
      cluster: { nodes: [...REPLICAS], program: quorumRegister(sizes, stamps, versions), link: LINK },
      faults,
      ...(healAtMs === undefined ? {} : { healAtMs }),
      workload,
      settleMs: 100,
      describeMessage: describeQuorumMessage,
    },
    seed,
  );
  return { ...scenario, sizes, stamps, versions: { ...versions } };
}

/** Closed-loop clients, one per replica named, from 20 ms to `STOP_MS`: writers write fresh values, readers read. */
function workload(clients: Readonly<Record<string, string>>, loopWriters: readonly string[], script: Workload['script'] = []): Workload {
  return {
    clients: Object.entries(clients).map(([id, node]) => ({ id, node })),
    timeoutMs: CLIENT_TIMEOUT_MS,
    startMs: 20,
    stopMs: STOP_MS,
    thinkMs: 5,
    clientLink: CLIENT_LINK,
    next: ({ client, count }) => (loopWriters.includes(client.id) ? { f: 'write', input: `${client.id}:${count}` } : script.some((op) => op.client === client.id) ? null : { f: 'read' }),
    script,
  };
}

/** c1 writes at A without pause; c2, c4 and c5 read at B, D and E; C is cut off from `CUT_OFF.fromMs` to `CUT_OFF.toMs`. */
export function oneWriterRun(sizes: QuorumSizes, seed: number): QuorumRun {
  const others = REPLICAS.filter((replica) => replica !== CUT_OFF.replica);
  return run(
    sizes,
    seed,
    workload({ c1: 'A', c2: 'B', c4: 'D', c5: 'E' }, ['c1']),
    [{ at: CUT_OFF.fromMs, kind: 'partition', groups: [others, [CUT_OFF.replica]] }],
    CUT_OFF.toMs,
  );
}

/** The writes of `twoWritersRun`: c4 at D, then c1 at A, in turns, from 20 ms until one turn before `STOP_MS`, c4 last. */
export const TURNS = Array.from({ length: Math.floor((STOP_MS - 20 - WRITE_EVERY_MS) / WRITE_EVERY_MS) + 1 }, (_, i) => {
  const client = i % 2 === 0 ? 'c4' : 'c1';
  return { atMs: 20 + i * WRITE_EVERY_MS, client, op: { f: 'write', input: `${client}:${i}` } };
});

/** c4 at D and c1 at A write in turns (`TURNS`); c2, c3 and c5 read at B, C and E all along. No faults. */
export function twoWritersRun(sizes: QuorumSizes, seed: number): QuorumRun {
  return run(sizes, seed, workload({ c1: 'A', c2: 'B', c3: 'C', c4: 'D', c5: 'E' }, [], TURNS), [], undefined);
}
