/**
 * Background jobs for lesson 10: a client enqueues jobs ("send the receipt email for order 17") on a queue
 * node Q; workers W1…W3 poll Q for work, get a job with a **lease** (a visibility timeout), do the work and
 * acknowledge it. The queue delivers **at least once**: a job whose lease runs out before its ack — the
 * worker crashed, or is merely slow — is handed to another worker, so the work can happen twice.
 *
 * What runs where is pluggable: `queue` is the queue's logic (the learner's `JobQueue`, or the reference in
 * exercises/job-queue/solution.ts),
 * `wrap` turns the worker's raw handler into the one it runs (the learner's `makeIdempotent`, or nothing).
 * The raw handler "sends an email": every call that returns is an effect, recorded with the job's id, for
 * the exactly-once checker. A *poison* job's handler always throws; a *flaky* one throws on its first call.
 */
import { Simulation, formatTraceLines } from '../sim/index.ts';
import type { NodeBehaviour, Operation, TraceEvent } from '../sim/index.ts';
import type { Effect } from '../testkit/checkers/exactly-once.ts';

export interface Job {
  readonly id: string;
  readonly payload: string;
}

/** A job as the queue hands it out. */
export interface LeasedJob extends Job {
  /** 1 on the first delivery, 2 on the second, … */
  readonly attempt: number;
}

/** The queue's logic, as the queue node calls it (the learner's `JobQueue`). */
export interface QueueLogic {
  enqueue(job: Job, now: number): unknown;
  lease(worker: string, now: number): unknown;
  ack(jobId: string, worker: string, now: number): unknown;
  fail(jobId: string, worker: string, now: number): unknown;
  deadLetters(now: number): unknown;
}

export interface QueueSettings {
  readonly leaseMs: number;
  readonly maxAttempts: number;
}

/** The durable record of handled jobs the workers share (a database table, in real life). */
export interface SeenStore {
  has(jobId: string): boolean;
  add(jobId: string): void;
}

export type Handler = (job: LeasedJob) => void;

export interface JobQueueOptions {
  readonly queue: (settings: QueueSettings) => QueueLogic;
  readonly settings?: QueueSettings;
  /** What the worker runs around the raw handler (default: the raw handler itself). */
  readonly wrap?: (handler: Handler, seen: SeenStore) => unknown;
  /** How many jobs the client enqueues, 10 ms apart from 10 ms (default 12). */
  readonly jobs?: number;
  /** Job numbers (1-based) whose handler always throws. */
  readonly poison?: readonly number[];
  /** Job numbers whose handler throws the first time only. */
  readonly flaky?: readonly number[];
  /** Job numbers whose first attempt takes `slowMs` instead of 20–60 ms (a worker stalled by a long pause). */
  readonly slow?: readonly number[];
  readonly slowMs?: number;
  /** Pairs of job numbers that carry the same payload (two receipts with the same text). */
  readonly samePayload?: readonly (readonly [number, number])[];
  /** Job numbers whose first worker crashes 5 ms after receiving it (and restarts 400 ms later). */
  readonly crashOn?: readonly number[];
  /** How many of the workers W1, W2, W3 poll the queue (default all three). */
  readonly workers?: number;
  readonly runMs?: number;
}

/** One hand-out of a job by the queue. */
export interface Delivery {
  readonly atMs: number;
  readonly worker: string;
  readonly job: LeasedJob;
}

export interface JobQueueRun {
  readonly seed: number;
  readonly sim: Simulation;
  /** The client's enqueue operations: their `input` is the job. */
  readonly history: readonly Operation[];
  readonly jobs: readonly Job[];
  readonly deliveries: readonly Delivery[];
  /** Acks the queue answered, and whether it accepted them. */
  readonly acks: readonly { readonly atMs: number; readonly worker: string; readonly jobId: string; readonly accepted: unknown }[];
  /** Failures the workers reported. */
  readonly fails: readonly { readonly atMs: number; readonly worker: string; readonly jobId: string }[];
  /** Emails sent: one effect per completed raw-handler call. */
  readonly effects: readonly Effect[];
  /** What the queue's `deadLetters` returned at the end. */
  readonly deadLetters: unknown;
  readonly settings: QueueSettings;
}

export const WORKERS = ['W1', 'W2', 'W3'] as const;
export const QUEUE = 'Q';
export const MAIL = 'M';
const POLL_MS = 20;

type QueueMessage =
  | { readonly type: 'poll' }
  | { readonly type: 'job'; readonly job: LeasedJob }
  | { readonly type: 'empty' }
  | { readonly type: 'done' | 'failed'; readonly jobId: string }
  | { readonly type: 'email'; readonly jobId: string; readonly payload: string };

function describeQueueMessage(message: unknown): string {
  const m = message as QueueMessage;
  switch (m.type) {
    case 'poll': return 'any work?';
    case 'job': return `job ${m.job.id} (attempt ${m.job.attempt})`;
    case 'empty': return 'no work';
    case 'done': return `ack ${m.jobId}`;
    case 'failed': return `failed ${m.jobId}`;
    case 'email': return `email for ${m.jobId}: ${m.payload}`;
  }
}

/** Copies what learner code returns into plain data, so a later mutation cannot rewrite the record. */
function asLeasedJob(value: unknown): LeasedJob | null {
  if (value === null || value === undefined || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return { id: String(v['id']), payload: String(v['payload']), attempt: Number(v['attempt']) };
}

export function jobQueueRun(options: JobQueueOptions, seed: number): JobQueueRun {
  const settings = options.settings ?? { leaseMs: 200, maxAttempts: 3 };
  const count = options.jobs ?? 12;
  const jobs: Job[] = Array.from({ length: count }, (_, i) => ({ id: `j${i + 1}`, payload: `receipt for order ${100 + i + 1}` }));
  for (const [a, b] of options.samePayload ?? []) jobs[b - 1] = { id: jobs[b - 1]!.id, payload: jobs[a - 1]!.payload };
  const numberOf = (id: string) => Number(id.slice(1));

  const sim = new Simulation({ seed, trace: true, describeMessage: describeQueueMessage });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 5 }, loss: 0 });
  const deliveries: Delivery[] = [];
  const acks: { atMs: number; worker: string; jobId: string; accepted: unknown }[] = [];
  const fails: { atMs: number; worker: string; jobId: string }[] = [];
  const effects: Effect[] = [];
  const calls = new Map<string, number>();
  const seenIds = new Set<string>();
  const seen: SeenStore = { has: (id) => seenIds.has(String(id)), add: (id) => void seenIds.add(String(id)) };
  let queue: QueueLogic;
  // What the queue has answered about each job, for a learner stepping through a run (the queue's own fields
  // are the learner's, and reading them could run learner code).
  const answered = new Map<string, string>();

  sim.addNode(QUEUE, (): NodeBehaviour<QueueMessage> => ({
    onStart: () => void (queue = options.queue(settings)),
    state: () => Object.fromEntries(answered),
    onRequest(ctx, request) {
      const job = request.input as Job;
      queue.enqueue({ ...job }, ctx.now);
      answered.set(job.id, 'enqueued');
      ctx.reply(request);
    },
    onMessage(ctx, from, message) {
      if (message.type === 'poll') {
        const job = asLeasedJob(queue.lease(from, ctx.now));
        if (job === null) return ctx.send(from, { type: 'empty' });
        deliveries.push({ atMs: ctx.now, worker: from, job });
        answered.set(job.id, `leased to ${from} until ${ctx.now + settings.leaseMs} ms (attempt ${job.attempt})`);
        ctx.send(from, { type: 'job', job });
      } else if (message.type === 'done') {
        const accepted = queue.ack(message.jobId, from, ctx.now);
        acks.push({ atMs: ctx.now, worker: from, jobId: message.jobId, accepted });
        if (accepted === true) answered.set(message.jobId, `done (ack from ${from})`);
      } else if (message.type === 'failed') {
        fails.push({ atMs: ctx.now, worker: from, jobId: message.jobId });
        queue.fail(message.jobId, from, ctx.now);
        answered.set(message.jobId, `reported failed by ${from}`);
      }
    },
  }));

  for (const worker of WORKERS.slice(0, options.workers ?? WORKERS.length)) {
    sim.addNode(worker, (): NodeBehaviour<QueueMessage> => {
      let handler: Handler;
      let working: string | null = null;
      return {
        state: () => (working === null ? 'idle' : `working on ${working}`),
        onStart(ctx) {
          const raw: Handler = (job) => {
            const n = numberOf(job.id);
            const call = (calls.get(job.id) ?? 0) + 1;
            calls.set(job.id, call);
            if (options.poison?.includes(n)) throw new Error(`job ${job.id} cannot be processed`);
            if (options.flaky?.includes(n) && call === 1) throw new Error(`the mail server timed out on ${job.id}`);
            effects.push({ id: job.id, at: ctx.now, node: ctx.id });
            // The email goes out through the mail server, so the trace shows every copy.
            ctx.send(MAIL, { type: 'email', jobId: job.id, payload: job.payload });
          };
          handler = options.wrap === undefined ? raw : (options.wrap(raw, seen) as Handler);
          ctx.setTimer(ctx.rng.int(1, POLL_MS), 'poll');
        },
        onTimer(ctx, name, payload) {
          if (name === 'poll') return ctx.send(QUEUE, { type: 'poll' });
          const job = payload as LeasedJob;
          working = null;
          let ok = true;
          try {
            handler({ ...job });
          } catch {
            ok = false;
          }
          ctx.send(QUEUE, { type: ok ? 'done' : 'failed', jobId: job.id });
          ctx.setTimer(1, 'poll');
        },
        onMessage(ctx, _from, message) {
          if (message.type === 'empty') ctx.setTimer(POLL_MS, 'poll');
          if (message.type !== 'job') return;
          const n = numberOf(message.job.id);
          if (message.job.attempt === 1 && options.crashOn?.includes(n)) {
            sim.at(ctx.now + 5, `${ctx.id} crashes holding ${message.job.id}`, () => sim.crash(ctx.id));
            sim.at(ctx.now + 405, `${ctx.id} restarts`, () => sim.restart(ctx.id));
          }
          working = `${message.job.id} (attempt ${message.job.attempt})`;
          const slow = message.job.attempt === 1 && (options.slow?.includes(n) ?? false);
          ctx.setTimer(slow ? (options.slowMs ?? 350) : ctx.rng.int(20, 60), 'work', message.job);
        },
      };
    });
  }

  sim.addNode(MAIL, {});
  const client = sim.addClient('c1', { timeoutMs: 100 });
  sim.network.setLink('c1', QUEUE, { latency: { kind: 'constant', ms: 1 } }, { bothWays: true });
  jobs.forEach((job, i) => client.invokeAt(10 + 10 * i, { node: QUEUE, f: 'enqueue', input: job }));
  const runMs = options.runMs ?? 2_500;
  sim.run({ untilMs: runMs });
  return { seed, sim, history: sim.history(), jobs, deliveries, acks, fails, effects, deadLetters: queue!.deadLetters(runMs), settings };
}

/** The story of one job as trace events: its deliveries, acks and failures, and the crashes around them (at most 14). */
export function jobStoryEvents(run: Pick<JobQueueRun, 'sim'>, jobId: string): TraceEvent[] {
  const mentions = new RegExp(`\\b${jobId}\\b`);
  const events = run.sim.trace.events().filter((e) => e.kind === 'crash' || e.kind === 'restart' || ((e.kind === 'deliver' || e.kind === 'drop') && mentions.test(e.summary)));
  return events.slice(0, 14);
}

/** The story of one job, as lines. */
export function jobStory(run: JobQueueRun, jobId: string): string[] {
  return formatTraceLines(jobStoryEvents(run, jobId));
}
