// Wrong: claims the job with a conditional write, then sends without a key; a worker that crashes after its claim leaves the job claimed and the email never goes out.
import type { Answer, Job, Step } from '../solution.ts';

export function nextStep(job: Job, answers: readonly Answer[]): Step {
  if (answers.length === 0) return { kind: 'write', key: `claim:${job.id}`, value: 'claimed', ifAbsent: true };
  if (answers[0]!.written !== true) return { kind: 'ack' };
  if (answers.length === 1) return { kind: 'send', email: { to: job.to, body: job.body } };
  return { kind: 'ack' };
}
