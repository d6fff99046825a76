/**
 * Retries against a server with finite capacity, for lesson 05: the retry-budget exercise's hidden tests and
 * the lesson's figure of goodput through a slowdown, with and without a budget. Two runs share the server and
 * the clients: `retryOverloadRun` (the slowdown) and `restartRun` (many requests refused at one instant).
 *
 * One server does one request at a time, `SERVICE_MS` each (capacity: 100 requests a second), and holds at most
 * `QUEUE_LIMIT` waiting requests; an attempt that finds the queue full is rejected at once. It cannot tell whether
 * the client of the request it is serving is still waiting, so a request that waited longer than the client's
 * timeout is served for nobody. Six clients (app servers calling it) each start a new request every 100 ms — 60 a
 * second in all, well within capacity — and every link loses a few messages. Each client keeps one retry policy
 * (a learner's `RetryPolicy`, or the exercise's solution for the figure) for all its requests: on a timeout or a rejection the client asks it whether, and
 * after how long, to try again.
 *
 * In the overload run the server slows down from `SLOWDOWN.startMs` to `SLOWDOWN.endMs`. What the retries do next
 * decides whether it recovers: if the clients' attempts exceed its capacity, its queue stays full, every request
 * it serves has waited longer than its client's timeout, and goodput stays near zero long after the slowdown is
 * over — a metastable failure.
 *
 * In the restart run the server keeps a short queue (`RESTART.queueLimit`) and restarts at `RESTART.atMs`: it
 * drops its queue and refuses every attempt until `RESTART.backMs`. At that instant every client starts
 * `RESTART.requestsPerClient` requests at once, so they are all refused together and every client's policy is
 * asked about them in the same few milliseconds. Retries that wait the same time come back together and overflow
 * the short queue; retries spread out by randomness fit. The links lose nothing in this run, so every failure is
 * the restart's or the queue's doing.
 *
 * The scenario records the evidence the tests judge: every request (when it started, how many attempts it made,
 * whether and when it succeeded), every attempt the clients sent, every request the server served and whether
 * its client was still waiting, every attempt the restart refused, and the learner's answers that were not a
 * delay or `null`.
 */
import { Simulation } from '../sim/index.ts';
import type { NodeBehaviour, NodeContext } from '../sim/index.ts';
import type { SeededRun } from '../testkit/scenario-seeds.ts';

/** What a client needs of the learner's policy. */
export interface PolicyLike {
  onSuccess(): unknown;
  onFailure(attempts: number, rng: () => number): unknown;
}

export const SERVICE_MS = 10;
export const QUEUE_LIMIT = 30;
export const CLIENTS = 6;
/** Each client starts a new request this often (at its own seeded offset within the first period). */
export const REQUEST_EVERY_MS = 100;
/** A client gives up on an attempt after this long without a reply. */
export const TIMEOUT_MS = 200;
/** Every message on every link is lost with this probability. */
export const LOSS = 0.03;
/** From `startMs` until `endMs` the server is slowed down (a noisy neighbour, a long garbage collection): each request it starts takes `serviceMs`. */
export const SLOWDOWN = Object.freeze({ startMs: 1000, endMs: 2000, serviceMs: 25 });
/** Clients start new requests until this time; the run goes on until every request has finished. */
export const REQUESTS_UNTIL_MS = 6000;
export const END_MS = 9000;
/**
 * The restart run: the server keeps at most `queueLimit` waiting requests, drops them at `atMs` and refuses every
 * attempt until `backMs`; at `atMs` every client starts `requestsPerClient` requests at once (a job scheduled on
 * every app server for the same instant). Clients start their regular requests until `requestsUntilMs`.
 */
export const RESTART = Object.freeze({ atMs: 500, backMs: 510, requestsPerClient: 3, queueLimit: 10, requestsUntilMs: 1200, endMs: 3000 });
/** The retry policy every client is given (the SRE book's three attempts per request, a 10% budget with a burst of three retries). */
export const POLICY_OPTIONS = Object.freeze({ maxAttempts: 3, capacity: 30, retryCost: 10 });
/** The longest delay a policy may answer. */
export const MAX_DELAY_MS = 1000;
/** A client stops a request after this many attempts whatever its policy says, so a policy that never gives up cannot run for ever. */
export const ATTEMPT_LIMIT = 10;

export interface RequestRecord {
  readonly client: string;
  readonly id: number;
  readonly startedAt: number;
  attempts: number;
  /** When a reply to its current attempt arrived in time, or null if the request failed or never finished. */
  succeededAt: number | null;
  /** When the client gave up on it (the policy answered `null`), or null. */
  gaveUpAt: number | null;
}

export interface ServedRecord {
  readonly atMs: number;
  readonly client: string;
  readonly id: number;
  /** The client was still waiting for this attempt when the server finished it. */
  readonly wanted: boolean;
}

export interface RetryOverloadRun extends SeededRun {
  readonly requests: readonly RequestRecord[];
  /** When each attempt was sent, first attempts included. */
  readonly attemptsAt: readonly number[];
  readonly served: readonly ServedRecord[];
  /** When each attempt that found the queue full was rejected. */
  readonly rejectedAt: readonly number[];
  /** Answers of `onFailure` that were neither `null` nor a whole number of ms from 0 to `MAX_DELAY_MS`, as text. */
  readonly invalidAnswers: readonly string[];
  /** How many requests the client stopped at `ATTEMPT_LIMIT` attempts although the policy asked for another. */
  readonly cutOff: number;
  /** The attempts the restart refused or dropped from the queue (none in the overload run). */
  readonly refused: readonly RefusedRecord[];
}

export interface RefusedRecord {
  readonly atMs: number;
  readonly id: number;
  readonly attempt: number;
}

/** What differs between the two runs. */
interface Setting {
  readonly queueLimit: number;
  readonly loss: number;
  readonly slowdown: typeof SLOWDOWN | null;
  readonly restart: typeof RESTART | null;
  readonly requestsUntilMs: number;
  readonly endMs: number;
}

type Message =
  | { type: 'request'; id: number; attempt: number }
  | { type: 'ok'; id: number; attempt: number }
  | { type: 'rejected'; id: number; attempt: number }
  | { type: 'refused'; id: number; attempt: number };

/** The policy's answer as the client uses it: a delay, `null` to give up, or `invalid`. */
export function plainDelay(answer: unknown): number | null | 'invalid' {
  if (answer === null) return null;
  return typeof answer === 'number' && Number.isInteger(answer) && answer >= 0 && answer <= MAX_DELAY_MS ? answer : 'invalid';
}

/** A learner's answer as a failure shows it: at most 60 characters, whatever it is. */
export function describeAnswer(answer: unknown): string {
  if (typeof answer === 'number' || answer === undefined) return String(answer);
  try {
    return (JSON.stringify(answer) ?? String(answer)).slice(0, 60);
  } catch {
    return 'a value that cannot be shown';
  }
}

/** The slowdown: six clients, a queue of 30, lossy links, the server at 40 requests a second from 1000 to 2000 ms. */
export function retryOverloadRun(makePolicy: () => PolicyLike, seed: number): RetryOverloadRun {
  return retriesRun(makePolicy, seed, { queueLimit: QUEUE_LIMIT, loss: LOSS, slowdown: SLOWDOWN, restart: null, requestsUntilMs: REQUESTS_UNTIL_MS, endMs: END_MS });
}

/** The restart: the same clients and server, a queue of 10 and lossless links; many requests refused at one instant. */
export function restartRun(makePolicy: () => PolicyLike, seed: number): RetryOverloadRun {
  return retriesRun(makePolicy, seed, { queueLimit: RESTART.queueLimit, loss: 0, slowdown: null, restart: RESTART, requestsUntilMs: RESTART.requestsUntilMs, endMs: RESTART.endMs });
}

function retriesRun(makePolicy: () => PolicyLike, seed: number, setting: Setting): RetryOverloadRun {
  const { slowdown, restart } = setting;
  const sim = new Simulation({ seed, trace: true });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 5 }, loss: setting.loss });
  const requests: RequestRecord[] = [];
  const attemptsAt: number[] = [];
  const served: ServedRecord[] = [];
  const invalidAnswers: string[] = [];
  const refused: RefusedRecord[] = [];
  const rejectedAt: number[] = [];
  let cutOff = 0;
  /** For each client, the attempt it is waiting for, by request id: the server's record of "wanted" reads it. */
  const waiting = new Map<string, Map<number, number>>();

  sim.addNode('server', (): NodeBehaviour<Message> => {
    const queue: { from: string; id: number; attempt: number }[] = [];
    const serveNext = (ctx: NodeContext<Message>) => {
      if (queue.length > 0) ctx.setTimer(slowdown !== null && sim.now >= slowdown.startMs && sim.now < slowdown.endMs ? slowdown.serviceMs : SERVICE_MS, 'done');
    };
    const refuse = (ctx: NodeContext<Message>, job: { from: string; id: number; attempt: number }) => {
      refused.push({ atMs: sim.now, id: job.id, attempt: job.attempt });
      ctx.send(job.from, { type: 'refused', id: job.id, attempt: job.attempt });
    };
    return {
      onStart(ctx) {
        if (restart !== null) ctx.setTimer(restart.atMs, 'restart');
      },
      onMessage(ctx, from, m) {
        if (m.type !== 'request') return;
        // While it restarts, the server refuses connections at once: the client learns of the failure without waiting.
        if (restart !== null && sim.now >= restart.atMs && sim.now < restart.backMs) return refuse(ctx, { from, id: m.id, attempt: m.attempt });
        if (queue.length >= setting.queueLimit + 1) {
          rejectedAt.push(sim.now);
          ctx.send(from, { type: 'rejected', id: m.id, attempt: m.attempt });
          return;
        }
        queue.push({ from, id: m.id, attempt: m.attempt });
        if (queue.length === 1) serveNext(ctx);
      },
      onTimer(ctx, timer) {
        if (timer === 'restart') {
          // The request being served and those waiting are lost, and their connections reset.
          ctx.cancelTimer('done');
          for (const job of queue.splice(0)) refuse(ctx, job);
          return;
        }
        const job = queue.shift()!;
        served.push({ atMs: sim.now, client: job.from, id: job.id, wanted: waiting.get(job.from)?.get(job.id) === job.attempt });
        ctx.send(job.from, { type: 'ok', id: job.id, attempt: job.attempt });
        serveNext(ctx);
      },
    };
  });

  for (let c = 0; c < CLIENTS; c++) {
    const name = `c${c}`;
    const mine = new Map<number, number>();
    waiting.set(name, mine);
    sim.addNode(name, (): NodeBehaviour<Message> => {
      const policy = makePolicy();
      const open = new Map<number, { record: RequestRecord; timer: number }>();
      const send = (ctx: NodeContext<Message>, record: RequestRecord) => {
        record.attempts += 1;
        attemptsAt.push(sim.now);
        mine.set(record.id, record.attempts);
        ctx.send('server', { type: 'request', id: record.id, attempt: record.attempts });
        open.set(record.id, { record, timer: ctx.setTimer(TIMEOUT_MS, 'timeout', record.id) });
      };
      const start = (ctx: NodeContext<Message>) => {
        const record: RequestRecord = { client: name, id: requests.length, startedAt: sim.now, attempts: 0, succeededAt: null, gaveUpAt: null };
        requests.push(record);
        send(ctx, record);
      };
      const failed = (ctx: NodeContext<Message>, record: RequestRecord) => {
        mine.delete(record.id);
        open.delete(record.id);
        const answer = policy.onFailure(record.attempts, ctx.rng.toFunction());
        let delay = plainDelay(answer);
        if (delay === 'invalid') {
          invalidAnswers.push(`onFailure(${record.attempts}, rng) returned ${describeAnswer(answer)}`);
          delay = null;
        }
        if (delay !== null && record.attempts >= ATTEMPT_LIMIT) {
          cutOff += 1;
          delay = null;
        }
        if (delay === null) record.gaveUpAt = sim.now;
        else ctx.setTimer(delay, 'retry', record.id);
      };
      return {
        onStart(ctx) {
          ctx.setTimer(ctx.rng.int(0, REQUEST_EVERY_MS - 1), 'new');
          if (restart !== null) ctx.setTimer(restart.atMs, 'batch');
        },
        onMessage(ctx, _from, m) {
          const entry = open.get(m.id);
          if (entry === undefined || entry.record.attempts !== m.attempt) return;
          ctx.cancelTimer(entry.timer);
          if (m.type !== 'ok') return failed(ctx, entry.record);
          mine.delete(m.id);
          open.delete(m.id);
          entry.record.succeededAt = sim.now;
          policy.onSuccess();
        },
        onTimer(ctx, timer, payload) {
          if (timer === 'new') {
            start(ctx);
            if (sim.now + REQUEST_EVERY_MS < setting.requestsUntilMs) ctx.setTimer(REQUEST_EVERY_MS, 'new');
          } else if (timer === 'batch') {
            for (let i = 0; i < restart!.requestsPerClient; i++) start(ctx);
          } else if (timer === 'retry') {
            send(ctx, requests[payload as number]!);
          } else {
            failed(ctx, open.get(payload as number)!.record);
          }
        },
      };
    });
  }
  sim.run({ untilMs: setting.endMs });
  return { seed, sim, requests, attemptsAt, served, rejectedAt, invalidAnswers, cutOff, refused };
}

/** The requests whose first attempt the restart refused: they all failed within a few milliseconds of each other. */
export function refusedByRestart(run: RetryOverloadRun): RequestRecord[] {
  const ids = new Set(run.refused.filter((r) => r.attempt === 1 && r.atMs < RESTART.backMs).map((r) => r.id));
  return run.requests.filter((r) => ids.has(r.id));
}

/** Goodput is counted in slots of this length: requests whose reply arrived in the slot. */
export const SLOT_MS = 500;
/** Goodput counts as recovered at 80% of the requests the clients start per slot. */
export const GOODPUT_FLOOR = (4 * CLIENTS * SLOT_MS) / (5 * REQUEST_EVERY_MS);

/** Successful requests per slot (`SLOT_MS` unless given), from 0 until the clients stop starting requests. */
export function goodputPerSlot(run: RetryOverloadRun, slotMs: number = SLOT_MS): number[] {
  const slots = Array.from({ length: Math.ceil(REQUESTS_UNTIL_MS / slotMs) }, () => 0);
  for (const request of run.requests) {
    if (request.succeededAt !== null && request.succeededAt < REQUESTS_UNTIL_MS) slots[Math.floor(request.succeededAt / slotMs)]! += 1;
  }
  return slots;
}

/**
 * The start of the first slot after the slowdown from which every slot until the clients stop has at least
 * `floor` successes, or null if goodput never gets back there.
 */
export function recoveredAt(slots: readonly number[], floor: number): number | null {
  let from: number | null = null;
  for (let start = SLOWDOWN.endMs; start < REQUESTS_UNTIL_MS; start += SLOT_MS) {
    if (slots[start / SLOT_MS]! < floor) from = null;
    else from ??= start;
  }
  return from;
}
