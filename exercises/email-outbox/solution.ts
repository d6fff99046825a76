/** A job as the queue hands it to a worker: the same job may arrive again, as a new object with a higher attempt. */
export interface Job {
  /** Unique per job, and the same on every delivery of it. */
  readonly id: string;
  /** The email the job must send. Two jobs may carry the same one. */
  readonly to: string;
  readonly body: string;
  /** 1 on the first delivery, 2 on the second, … */
  readonly attempt: number;
}

/** An email for the mail server, which delivers one email per idempotency key for as long as it remembers the key. */
export interface Email {
  readonly to: string;
  readonly body: string;
  readonly idempotencyKey?: string;
}

/** One step of a worker's handling of a job: one message to the database or the mail server, or the end. */
export type Step =
  | { readonly kind: 'read'; readonly key: string }
  | { readonly kind: 'write'; readonly key: string; readonly value: string; readonly ifAbsent?: boolean; readonly outbox?: Email }
  | { readonly kind: 'send'; readonly email: Email }
  | { readonly kind: 'ack' };

/** What a step's message answered: a `read` sets `found` and `value`, a `write` sets `written`, a `send` sets `sent`. */
export interface Answer {
  readonly found?: boolean;
  readonly value?: string | null;
  readonly written?: boolean;
  readonly sent?: boolean;
}

/** The database row that says a job's email went out. */
const sentRow = (job: Job): string => `sent:${job.id}`;

/** The next step of this delivery of `job`, given the answers to the steps it took so far. */
export function nextStep(job: Job, answers: readonly Answer[]): Step {
  // The mail server forgets keys after a while: a job delivered again long after it was done must stop here.
  if (answers.length === 0) return { kind: 'read', key: sentRow(job) };
  if (answers[0]!.found === true) return { kind: 'ack' };
  // The same key on every delivery of the job, so the mail server drops the copy a crash or a race sends again.
  if (answers.length === 1) return { kind: 'send', email: { to: job.to, body: job.body, idempotencyKey: job.id } };
  if (answers.length === 2) return { kind: 'write', key: sentRow(job), value: 'sent' };
  return { kind: 'ack' };
}
