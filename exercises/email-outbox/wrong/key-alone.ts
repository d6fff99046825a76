// Wrong: relies on the idempotency key alone; the mail server forgets a key after a while, so a job delivered again later sends a second email.
import type { Answer, Job, Step } from '../solution.ts';

export function nextStep(job: Job, answers: readonly Answer[]): Step {
  if (answers.length === 0) return { kind: 'send', email: { to: job.to, body: job.body, idempotencyKey: job.id } };
  return { kind: 'ack' };
}
