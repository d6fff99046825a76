// Wrong: keys the email by what it says, so two jobs that carry the same email share a key and the second is dropped as a repeat.
import type { Answer, Job, Step } from '../solution.ts';

const sentRow = (job: Job): string => `sent:${job.id}`;

export function nextStep(job: Job, answers: readonly Answer[]): Step {
  if (answers.length === 0) return { kind: 'read', key: sentRow(job) };
  if (answers[0]!.found === true) return { kind: 'ack' };
  if (answers.length === 1) return { kind: 'send', email: { to: job.to, body: job.body, idempotencyKey: `${job.to}|${job.body}` } };
  if (answers.length === 2) return { kind: 'write', key: sentRow(job), value: 'sent' };
  return { kind: 'ack' };
}
