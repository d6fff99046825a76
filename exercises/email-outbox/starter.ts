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

/** The next step of this delivery of `job`, given the answers to the steps it took so far. */
export function nextStep(job: Job, answers: readonly Answer[]): Step {
  // Sends, then acks. What if this worker crashes before its ack, or another worker holds the same job?
  if (answers.length === 0) return { kind: 'send', email: { to: job.to, body: job.body } };
  return { kind: 'ack' };
}
