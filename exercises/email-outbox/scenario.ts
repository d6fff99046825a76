/**
 * Receipt emails sent from background jobs, for lesson 10's outbox exercise.
 *
 * A client enqueues jobs on a queue node Q (the job-queue exercise's reference queue: leases, at-least-once).
 * Workers W1…W3 take jobs and handle each one in **steps** the learner's `nextStep` decides, one message
 * each: a read or a write to the database D (a write may be conditional, and may add an email to D's outbox
 * table in the same transaction), an email to the mail server M, or the ack to the queue. An outbox relay R
 * sends what D's outbox holds to M, with the key the row carries, then deletes the row. M delivers one email
 * per idempotency key for as long as it remembers the key (`KEY_TTL_MS`); an email without a key is always
 * delivered.
 *
 * Three windows open on every seed, each on its own job:
 * - `CRASH_JOB`: the worker holding its first delivery crashes the moment its first write (to D or to M)
 *   takes effect, before the answer gets back — between a send and its record, or a record and its send;
 * - `RACE_JOB`: the worker holding its first delivery stalls for `STALL_MS` after its first answer, longer
 *   than the lease, so the queue hands the job to another worker, which handles it while the first is
 *   stalled; then the first carries on from what it saw before;
 * - `LATE_JOB`: the web server's enqueue goes unanswered, so it enqueues the job again at `LATE_ENQUEUE_MS`,
 *   long after the mail server has forgotten the job's key.
 *
 * The run records what the tests judge: every email M received and whether it delivered it, every step a
 * worker took, every hand-out by the queue, and the windows as they happened.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { NodeBehaviour, NodeContext, Operation } from '../../src/sim/index.ts';
import { JobQueue } from '../job-queue/solution.ts';

/** A job as the queue holds it. */
export interface JobSpec {
  readonly id: string;
  readonly to: string;
  readonly body: string;
}

export interface PlainEmail {
  readonly to: string;
  readonly body: string;
  readonly idempotencyKey?: string;
}

/** A step as plain data of the grader's, or the reason the learner's answer is not a step. */
export type PlainStep =
  | { readonly kind: 'read'; readonly key: string }
  | { readonly kind: 'write'; readonly key: string; readonly value: string; readonly ifAbsent: boolean; readonly outbox?: PlainEmail }
  | { readonly kind: 'send'; readonly email: PlainEmail }
  | { readonly kind: 'ack' }
  | { readonly kind: 'invalid'; readonly why: string };

export interface PlainAnswer {
  readonly found?: boolean;
  readonly value?: string | null;
  readonly written?: boolean;
  readonly sent?: boolean;
}

/** What the scenario needs of the learner's code. */
export type NextStep = (job: JobSpec & { readonly attempt: number }, answers: readonly PlainAnswer[]) => unknown;

/** One email the mail server received. */
export interface MailRecord {
  readonly atMs: number;
  /** The node that sent it: a worker, or the relay R. */
  readonly from: string;
  readonly email: PlainEmail;
  /** False when the mail server dropped it as a repeat of a key it remembers. */
  readonly delivered: boolean;
}

/** One step a worker took (or tried to take) for a delivery of a job. */
export interface StepRecord {
  readonly atMs: number;
  readonly worker: string;
  readonly jobId: string;
  readonly attempt: number;
  readonly step: PlainStep;
}

export interface Delivery {
  readonly atMs: number;
  readonly worker: string;
  readonly jobId: string;
  readonly attempt: number;
}

/** A line of a job's story, as a failure shows it. */
export interface StoryLine {
  readonly atMs: number;
  readonly jobId: string;
  readonly line: string;
}

export interface OutboxRun {
  readonly seed: number;
  readonly sim: Simulation;
  /** The web servers' enqueue operations: their `input` is the job. */
  readonly history: readonly Operation[];
  readonly jobs: readonly JobSpec[];
  readonly mail: readonly MailRecord[];
  readonly steps: readonly StepRecord[];
  readonly deliveries: readonly Delivery[];
  /** Acks the queue accepted. */
  readonly acked: readonly { readonly atMs: number; readonly worker: string; readonly jobId: string }[];
  /** The crash window: which worker crashed, when, and right after which kind of write. */
  readonly crash: { readonly worker: string; readonly atMs: number; readonly after: 'write' | 'send' } | null;
  /** The race window: the stalled worker and when its stall began and ended. */
  readonly stall: { readonly worker: string; readonly fromMs: number; readonly untilMs: number } | null;
  readonly story: readonly StoryLine[];
}

export const WORKERS = ['W1', 'W2', 'W3'] as const;
export const LEASE_MS = 200;
export const MAX_ATTEMPTS = 5;
/** A delivery that takes more steps than this is given up as failed. */
export const MAX_STEPS = 8;
export const KEY_TTL_MS = 500;
export const STALL_MS = 300;
export const RESTART_AFTER_MS = 400;
export const CRASH_JOB = 'j3';
export const LATE_JOB = 'j5';
export const RACE_JOB = 'j7';
/** Two jobs with the same email: a customer who placed the same order twice gets two receipts. */
export const TWIN_JOBS = ['j2', 'j9'] as const;
export const LATE_ENQUEUE_MS = 800;
export const END_MS = 1100;
const JOB_COUNT = 10;
const POLL_MS = 30;

export const JOBS: readonly JobSpec[] = Array.from({ length: JOB_COUNT }, (_, i) => {
  const n = TWIN_JOBS.includes(`j${i + 1}` as (typeof TWIN_JOBS)[number]) ? 2 : i + 1;
  return { id: `j${i + 1}`, to: `customer${n}@example.com`, body: `Your receipt for order ${100 + n}` };
});

type Message =
  | { readonly type: 'poll' }
  | { readonly type: 'job'; readonly job: JobSpec & { readonly attempt: number } }
  | { readonly type: 'empty' }
  | { readonly type: 'done' | 'failed'; readonly jobId: string }
  | { readonly type: 'read'; readonly key: string; readonly jobId: string; readonly attempt: number }
  | { readonly type: 'write'; readonly key: string; readonly value: string; readonly ifAbsent: boolean; readonly outbox?: PlainEmail; readonly jobId: string; readonly attempt: number }
  | { readonly type: 'send'; readonly email: PlainEmail; readonly jobId?: string; readonly attempt?: number }
  | { readonly type: 'answer'; readonly answer: PlainAnswer }
  | { readonly type: 'next-row' }
  | { readonly type: 'row'; readonly row: number; readonly email: PlainEmail }
  | { readonly type: 'no-row' }
  | { readonly type: 'delete-row'; readonly row: number };

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

function plainEmail(value: unknown): PlainEmail | string {
  if (typeof value !== 'object' || value === null) return `an email must be { to, body, idempotencyKey? }, got ${show(value)}`;
  const e = value as Record<string, unknown>;
  const key = e['idempotencyKey'];
  if (typeof e['to'] !== 'string' || typeof e['body'] !== 'string') return `an email needs a string to and body, got ${show(value)}`;
  if (key !== undefined && typeof key !== 'string') return `an idempotencyKey must be a string, got ${show(key)}`;
  return key === undefined ? { to: e['to'], body: e['body'] } : { to: e['to'], body: e['body'], idempotencyKey: key };
}

/** The learner's step as plain data, so nothing the grader records can be changed later. */
export function plainStep(value: unknown): PlainStep {
  const s = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const invalid = (why: string): PlainStep => ({ kind: 'invalid', why: `${show(value)} is not a step: ${why}` });
  switch (s['kind']) {
    case 'ack':
      return { kind: 'ack' };
    case 'read':
      return typeof s['key'] === 'string' ? { kind: 'read', key: s['key'] } : invalid('a read needs a string key');
    case 'send': {
      const email = plainEmail(s['email']);
      return typeof email === 'string' ? invalid(email) : { kind: 'send', email };
    }
    case 'write': {
      if (typeof s['key'] !== 'string' || typeof s['value'] !== 'string') return invalid('a write needs a string key and value');
      if (s['ifAbsent'] !== undefined && typeof s['ifAbsent'] !== 'boolean') return invalid('ifAbsent must be true, false or left out');
      const write = { kind: 'write' as const, key: s['key'], value: s['value'], ifAbsent: s['ifAbsent'] === true };
      if (s['outbox'] === undefined) return write;
      const outbox = plainEmail(s['outbox']);
      return typeof outbox === 'string' ? invalid(outbox) : { ...write, outbox };
    }
    default:
      return invalid("kind must be 'read', 'write', 'send' or 'ack'");
  }
}

export function describeStep(step: PlainStep): string {
  switch (step.kind) {
    case 'read': return `read ${show(step.key)}`;
    case 'write': return `write ${show(step.key)} = ${show(step.value)}${step.ifAbsent ? ' if absent' : ''}${step.outbox === undefined ? '' : `, with outbox email ${describeEmail(step.outbox)}`}`;
    case 'send': return `send ${describeEmail(step.email)}`;
    case 'ack': return 'ack';
    case 'invalid': return step.why;
  }
}

export function describeEmail(email: PlainEmail): string {
  return `to ${email.to}${email.idempotencyKey === undefined ? ' (no key)' : ` key ${show(email.idempotencyKey)}`}`;
}

export function describeAnswer(answer: PlainAnswer): string {
  if (answer.found !== undefined) return answer.found ? `found ${show(answer.value)}` : 'not found';
  if (answer.written !== undefined) return answer.written ? 'written' : 'not written: the key exists';
  return 'sent';
}

/** The jobs whose email this is (two jobs may carry the same one). */
export const jobsOf = (email: PlainEmail, jobs: readonly JobSpec[] = JOBS): JobSpec[] => jobs.filter((j) => j.to === email.to && j.body === email.body);

export function outboxRun(nextStep: NextStep, seed: number): OutboxRun {
  const sim = new Simulation({ seed, trace: true, describeMessage });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 5 }, loss: 0 });
  const mail: MailRecord[] = [];
  const steps: StepRecord[] = [];
  const deliveries: Delivery[] = [];
  const acked: { atMs: number; worker: string; jobId: string }[] = [];
  const story: StoryLine[] = [];
  let crash: OutboxRun['crash'] = null;
  let stall: OutboxRun['stall'] = null;
  const note = (jobId: string, line: string) => story.push({ atMs: sim.now, jobId, line: `t=${sim.now}ms  ${line}` });

  // The crash window opens at the first write of the crash job's first delivery, wherever it lands.
  const firstWrite = (from: string, jobId: string | undefined, attempt: number | undefined, after: 'write' | 'send') => {
    if (jobId !== CRASH_JOB || attempt !== 1 || crash !== null) return;
    crash = { worker: from, atMs: sim.now, after };
    note(jobId, `${from} crashes before the answer to its ${after} gets back`);
    sim.at(sim.now, `${from} crashes holding ${jobId}`, () => sim.crash(from));
    sim.at(sim.now + RESTART_AFTER_MS, `${from} restarts`, () => sim.restart(from));
  };

  const queue = new JobQueue({ leaseMs: LEASE_MS, maxAttempts: MAX_ATTEMPTS });
  sim.addNode('Q', (): NodeBehaviour<Message> => ({
    onRequest(ctx, request) {
      queue.enqueue({ ...(request.input as JobSpec) } as never, ctx.now);
      ctx.reply(request);
    },
    onMessage(ctx, from, m) {
      if (m.type === 'poll') {
        const job = queue.lease(from, ctx.now) as (JobSpec & { attempt: number }) | null;
        if (job === null) return ctx.send(from, { type: 'empty' });
        deliveries.push({ atMs: ctx.now, worker: from, jobId: job.id, attempt: job.attempt });
        note(job.id, `Q hands ${job.id} to ${from} (delivery ${job.attempt})`);
        ctx.send(from, { type: 'job', job: { ...job } });
      } else if (m.type === 'done') {
        const accepted = queue.ack(m.jobId, from, ctx.now);
        if (accepted) acked.push({ atMs: ctx.now, worker: from, jobId: m.jobId });
        note(m.jobId, `Q ${accepted ? 'accepts' : 'refuses'} ${from}'s ack of ${m.jobId}${accepted ? '' : ': its lease ran out'}`);
      } else if (m.type === 'failed') {
        queue.fail(m.jobId, from, ctx.now);
      }
    },
  }));

  for (const worker of WORKERS) {
    sim.addNode(worker, (): NodeBehaviour<Message> => {
      let current: { job: JobSpec & { attempt: number }; answers: PlainAnswer[] } | null = null;
      const finish = (ctx: NodeContext<Message>, type: 'done' | 'failed', jobId: string) => {
        current = null;
        ctx.send('Q', { type, jobId });
        ctx.setTimer(1, 'poll');
      };
      const takeStep = (ctx: NodeContext<Message>) => {
        const { job, answers } = current!;
        let step: PlainStep;
        if (answers.length >= MAX_STEPS) {
          step = { kind: 'invalid', why: `gave up after ${MAX_STEPS} steps without an ack` };
        } else {
          try {
            step = plainStep(nextStep({ ...job }, answers.map((a) => ({ ...a }))));
          } catch (error) {
            step = { kind: 'invalid', why: `nextStep threw: ${error instanceof Error ? error.message : show(error)}` };
          }
        }
        steps.push({ atMs: ctx.now, worker, jobId: job.id, attempt: job.attempt, step });
        note(job.id, `${worker} ${job.id}#${job.attempt}: ${describeStep(step)}`);
        const tag = { jobId: job.id, attempt: job.attempt };
        switch (step.kind) {
          case 'read': return ctx.send('D', { type: 'read', key: step.key, ...tag });
          case 'write': return ctx.send('D', { type: 'write', key: step.key, value: step.value, ifAbsent: step.ifAbsent, ...(step.outbox === undefined ? {} : { outbox: step.outbox }), ...tag });
          case 'send': return ctx.send('M', { type: 'send', email: step.email, ...tag });
          case 'ack': return finish(ctx, 'done', job.id);
          case 'invalid': return finish(ctx, 'failed', job.id);
        }
      };
      const onAnswer = (ctx: NodeContext<Message>, answer: PlainAnswer) => {
        current!.answers.push(answer);
        takeStep(ctx);
      };
      return {
        onStart: (ctx) => void ctx.setTimer(ctx.rng.int(1, POLL_MS), 'poll'),
        onTimer(ctx, name, payload) {
          if (name === 'poll') return ctx.send('Q', { type: 'poll' });
          if (name === 'stalled' && current !== null) onAnswer(ctx, payload as PlainAnswer);
        },
        onMessage(ctx, _from, m) {
          if (m.type === 'empty') return void ctx.setTimer(POLL_MS, 'poll');
          if (m.type === 'job') {
            current = { job: { ...m.job }, answers: [] };
            return takeStep(ctx);
          }
          if (m.type !== 'answer' || current === null) return;
          const { job, answers } = current;
          if (job.id === RACE_JOB && job.attempt === 1 && answers.length === 0) {
            // A long pause (a garbage collection, a swapped-out process) with the first answer in hand.
            stall = { worker, fromMs: ctx.now, untilMs: ctx.now + STALL_MS };
            note(job.id, `${worker} stalls for ${STALL_MS} ms with the answer (${describeAnswer(m.answer)}) in hand`);
            return void ctx.setTimer(STALL_MS, 'stalled', m.answer);
          }
          onAnswer(ctx, m.answer);
        },
      };
    });
  }

  const rows = new Map<string, string>();
  const outbox: { row: number; email: PlainEmail }[] = [];
  let rowIds = 0;
  sim.addNode('D', (): NodeBehaviour<Message> => ({
    onMessage(ctx, from, m) {
      if (m.type === 'read') {
        const value = rows.get(m.key);
        ctx.send(from, { type: 'answer', answer: { found: value !== undefined, value: value ?? null } });
      } else if (m.type === 'write') {
        const written = !(m.ifAbsent && rows.has(m.key));
        if (written) {
          rows.set(m.key, m.value);
          if (m.outbox !== undefined) outbox.push({ row: ++rowIds, email: m.outbox });
        }
        note(m.jobId, `D ${written ? 'writes' : 'refuses'} ${show(m.key)}${written && m.outbox !== undefined ? ' and its outbox email' : ''} (${from})`);
        ctx.send(from, { type: 'answer', answer: { written } });
        if (written) firstWrite(from, m.jobId, m.attempt, 'write');
      }
      if (m.type === 'delete-row') {
        const at = outbox.findIndex((r) => r.row === m.row);
        if (at >= 0) outbox.splice(at, 1);
      }
      if (m.type === 'next-row' || m.type === 'delete-row') {
        // The relay asks for the next row with each delete, and waits only when the outbox is empty.
        const next = outbox[0];
        ctx.send(from, next === undefined ? { type: 'no-row' } : { type: 'row', row: next.row, email: next.email });
      }
    },
  }));

  // The relay: one outbox row at a time — send it, then delete it once the mail server has it.
  sim.addNode('R', (): NodeBehaviour<Message> => {
    let sending: number | null = null;
    return {
      onStart: (ctx) => void ctx.setTimer(POLL_MS, 'poll'),
      onTimer: (ctx) => ctx.send('D', { type: 'next-row' }),
      onMessage(ctx, _from, m) {
        if (m.type === 'row') {
          sending = m.row;
          ctx.send('M', { type: 'send', email: m.email });
        } else if (m.type === 'answer' && sending !== null) {
          ctx.send('D', { type: 'delete-row', row: sending });
          sending = null;
        } else if (m.type === 'no-row') {
          ctx.setTimer(POLL_MS, 'poll');
        }
      },
    };
  });

  const keys = new Map<string, number>();
  sim.addNode('M', (): NodeBehaviour<Message> => ({
    onMessage(ctx, from, m) {
      if (m.type !== 'send') return;
      const key = m.email.idempotencyKey;
      const remembered = key !== undefined && keys.has(key) && ctx.now - keys.get(key)! < KEY_TTL_MS;
      if (key !== undefined && !remembered) keys.set(key, ctx.now);
      mail.push({ atMs: ctx.now, from, email: m.email, delivered: !remembered });
      for (const job of jobsOf(m.email)) note(job.id, `M ${remembered ? 'drops a repeat of' : 'delivers'} the email ${describeEmail(m.email)} from ${from}`);
      ctx.send(from, { type: 'answer', answer: { sent: true } });
      firstWrite(from, m.jobId, m.attempt, 'send');
    },
  }));

  // The web servers: c1 enqueues every job but the late one; c2's enqueue of it goes unanswered, so it tries again.
  const c1 = sim.addClient('c1', { timeoutMs: 100 });
  const c2 = sim.addClient('c2', { timeoutMs: 100 });
  for (const client of ['c1', 'c2']) sim.network.setLink(client, 'Q', { latency: { kind: 'constant', ms: 1 } }, { bothWays: true });
  JOBS.forEach((job, i) => (job.id === LATE_JOB ? c2 : c1).invokeAt(10 + 10 * i, { node: 'Q', f: 'enqueue', input: { ...job } }));
  sim.at(0, "Q's answers to c2 are lost", () => sim.partitionOneWay('Q', 'c2'));
  sim.at(200, 'the network heals', () => sim.heal());
  c2.invokeAt(LATE_ENQUEUE_MS, { node: 'Q', f: 'enqueue', input: { ...JOBS.find((j) => j.id === LATE_JOB)! } });

  sim.run({ untilMs: END_MS });
  return { seed, sim, history: sim.history(), jobs: JOBS, mail, steps, deliveries, acked, crash, stall, story };
}

/** The story of one job up to `untilMs`: its hand-outs, steps, writes, emails and acks (the last `limit` lines). */
export const jobStory = (run: OutboxRun, jobId: string, untilMs = Infinity, limit = 15): string[] =>
  run.story.filter((s) => s.jobId === jobId && s.atMs <= untilMs).map((s) => s.line).slice(-limit);

function describeMessage(message: unknown): string {
  const m = message as Message;
  switch (m.type) {
    case 'poll': return 'any work?';
    case 'job': return `job ${m.job.id} (delivery ${m.job.attempt})`;
    case 'empty': return 'no work';
    case 'done': return `ack ${m.jobId}`;
    case 'failed': return `failed ${m.jobId}`;
    case 'read': return `read ${m.key}`;
    case 'write': return `write ${m.key}${m.ifAbsent ? ' if absent' : ''}${m.outbox === undefined ? '' : ' + outbox'}`;
    case 'send': return `email ${describeEmail(m.email)}`;
    case 'answer': return describeAnswer(m.answer);
    case 'next-row': return 'next outbox row?';
    case 'row': return `outbox row ${m.row}`;
    case 'no-row': return 'no row';
    case 'delete-row': return `delete outbox row ${m.row}`;
  }
}
