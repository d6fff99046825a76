import { describe, expect, it } from 'vitest';
import {
  CRASH_JOB, JOBS, KEY_TTL_MS, LATE_ENQUEUE_MS, LATE_JOB, LEASE_MS, RACE_JOB, STALL_MS, TWIN_JOBS,
  jobStory, outboxRun, plainStep, type NextStep, type OutboxRun,
} from '../../../../exercises/email-outbox/scenario.ts';
import { nextStep } from '../../../../exercises/email-outbox/solution.ts';

/** Check-then-act without a key: read "sent?", send, write "sent". */
const checkThenAct: NextStep = (job, answers) =>
  answers.length === 0 ? { kind: 'read', key: `sent:${job.id}` }
  : answers[0]!.found === true ? { kind: 'ack' }
  : answers.length === 1 ? { kind: 'send', email: { to: job.to, body: job.body } }
  : answers.length === 2 ? { kind: 'write', key: `sent:${job.id}`, value: 'sent' }
  : { kind: 'ack' };

const SEEDS = [1, 2, 3];
const delivered = (run: OutboxRun, jobId: string) => {
  const job = JOBS.find((j) => j.id === jobId)!;
  return run.mail.filter((m) => m.delivered && m.email.to === job.to && m.email.body === job.body).length;
};

describe('email outbox scenario', () => {
  it('opens the three windows on every seed, whatever the handler', () => {
    for (const seed of SEEDS) {
      for (const handler of [nextStep as NextStep, checkThenAct]) {
        const run = outboxRun(handler, seed);
        expect(run.crash).toMatchObject({ after: 'send' });
        expect(run.deliveries.filter((d) => d.jobId === CRASH_JOB).length).toBeGreaterThanOrEqual(2);
        const second = run.deliveries.find((d) => d.jobId === CRASH_JOB && d.attempt === 2)!;
        expect(second.atMs - run.crash!.atMs).toBeGreaterThanOrEqual(LEASE_MS - 30);
        expect(run.stall!.untilMs - run.stall!.fromMs).toBe(STALL_MS);
        expect(run.steps.some((s) => s.jobId === RACE_JOB && s.attempt === 2 && s.atMs > run.stall!.fromMs && s.atMs < run.stall!.untilMs)).toBe(true);
        const late = run.deliveries.find((d) => d.jobId === LATE_JOB && d.atMs >= LATE_ENQUEUE_MS)!;
        const first = run.mail.find((m) => m.delivered && m.email.to === JOBS[4]!.to)!;
        expect(late.atMs - first.atMs).toBeGreaterThanOrEqual(KEY_TTL_MS);
        // The late job's first enqueue went unanswered and its second was acknowledged.
        expect(run.history.filter((op) => (op.input as { id: string }).id === LATE_JOB).map((op) => op.outcome)).toEqual(['unknown', 'ok']);
      }
    }
  });

  it('sends the crash and race jobs twice with check-then-act, and every email once with the reference', () => {
    for (const seed of SEEDS) {
      const naive = outboxRun(checkThenAct, seed);
      const reference = outboxRun(nextStep as NextStep, seed);
      expect([delivered(naive, CRASH_JOB), delivered(naive, RACE_JOB)]).toEqual([2, 2]);
      for (const job of JOBS) expect(delivered(reference, job.id), job.id).toBe(TWIN_JOBS.includes(job.id as never) ? 2 : 1);
      expect(reference.mail.some((m) => !m.delivered)).toBe(true);
    }
  });

  it('tells a job its story in order, for a failure to show', () => {
    const lines = jobStory(outboxRun(checkThenAct, 1), RACE_JOB, Infinity, 40);
    const order = [`Q hands ${RACE_JOB} to`, 'stalls for', '#2: send', 'M delivers', '#1: send', 'M delivers'];
    let from = 0;
    for (const text of order) {
      const at = lines.findIndex((line, i) => i >= from && line.includes(text));
      expect(at, text).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  });

  it('reads a step as plain data, and says why anything else is not one', () => {
    expect(plainStep({ kind: 'write', key: 'k', value: 'v', outbox: { to: 'a', body: 'b', idempotencyKey: 'x' } }))
      .toEqual({ kind: 'write', key: 'k', value: 'v', ifAbsent: false, outbox: { to: 'a', body: 'b', idempotencyKey: 'x' } });
    expect(plainStep({ kind: 'send', email: { to: 'a', body: 'b' } })).toEqual({ kind: 'send', email: { to: 'a', body: 'b' } });
    expect(plainStep({ kind: 'send', email: { to: 'a', body: 'b', idempotencyKey: 7 } })).toMatchObject({ kind: 'invalid' });
    expect(plainStep({ kind: 'read' })).toMatchObject({ kind: 'invalid' });
    expect(plainStep(null)).toMatchObject({ kind: 'invalid' });
  });

  it('replays identically for a seed', () => {
    expect(outboxRun(nextStep as NextStep, 2).sim.fingerprint()).toBe(outboxRun(nextStep as NextStep, 2).sim.fingerprint());
  });
});
