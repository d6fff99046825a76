// Wrong: sends first and records after, without a key and without looking at the record — every delivery of a job sends its email.
import type { Answer, Job, Step } from '../solution.ts';

const sentRow = (job: Job): string => `sent:${job.id}`;

export function nextStep(job: Job, answers: readonly Answer[]): Step {
  if (answers.length === 0) return { kind: 'send', email: { to: job.to, body: job.body } };
  if (answers.length === 1) return { kind: 'write', key: sentRow(job), value: 'sent' };
  return { kind: 'ack' };
}
