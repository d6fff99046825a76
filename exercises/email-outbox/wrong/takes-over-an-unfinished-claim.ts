// Wrong: claims the job, and a worker whose claim lost sends anyway when the job is not recorded as sent, taking the claimer for crashed — but it may only be slow.
import type { Answer, Job, Step } from '../solution.ts';

export function nextStep(job: Job, answers: readonly Answer[]): Step {
  const email = { to: job.to, body: job.body };
  if (answers.length === 0) return { kind: 'write', key: `claim:${job.id}`, value: 'claimed', ifAbsent: true };
  if (answers[0]!.written === true) {
    if (answers.length === 1) return { kind: 'send', email };
    if (answers.length === 2) return { kind: 'write', key: `sent:${job.id}`, value: 'sent' };
    return { kind: 'ack' };
  }
  if (answers.length === 1) return { kind: 'read', key: `sent:${job.id}` };
  if (answers[1]!.found === true) return { kind: 'ack' };
  if (answers.length === 2) return { kind: 'send', email };
  if (answers.length === 3) return { kind: 'write', key: `sent:${job.id}`, value: 'sent' };
  return { kind: 'ack' };
}
