// A transactional outbox: one conditional write records the job and queues its email (keyed by the job id) in the same transaction; the relay sends it.
import type { Answer, Email, Job, Step } from '../solution.ts';

export function nextStep(job: Job, answers: readonly Answer[]): Step {
  // A job already recorded writes nothing, so its email is queued once; the relay sends it with its key.
  if (answers.length > 0) return { kind: 'ack' };
  const email: Email = { to: job.to, body: job.body, idempotencyKey: `receipt-${job.id}` };
  return { kind: 'write', key: `job-done/${job.id}`, value: 'queued', ifAbsent: true, outbox: email };
}
