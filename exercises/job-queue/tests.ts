import { defineTests, test, expect, PropertyViolation, runTwice } from '../../src/testkit/index.ts';
import { jobQueueRun, jobStory, type JobQueueRun, type QueueSettings } from '../../src/testkit/scenarios/job-queue.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;
type Queue = InstanceType<Learner['JobQueue']>;

const job = (n: number) => ({ id: `j${n}`, payload: `receipt for order ${100 + n}` });

/** Calls made so far, so a failure shows the whole conversation with the queue. */
class Log {
  readonly lines: string[];
  constructor(settings: QueueSettings) {
    this.lines = [`new JobQueue(${JSON.stringify(settings)})`];
  }
  call<T>(what: string, result: T): T {
    this.lines.push(`${what} → ${JSON.stringify(result) ?? 'undefined'}`);
    return result;
  }
  get text(): string {
    return `${this.lines.join('\n')}\nThe last call`;
  }
}

function leased(learner: Learner, settings: QueueSettings, jobs: number) {
  const queue: Queue = new learner.JobQueue({ ...settings });
  const log = new Log(settings);
  for (let n = 1; n <= jobs; n++) {
    queue.enqueue(job(n), n);
    log.lines.push(`enqueue(${JSON.stringify(job(n))}, ${n})`);
  }
  const lease = (worker: string, now: number) => {
    const got = log.call(`lease("${worker}", ${now})`, queue.lease(worker, now));
    return got === null ? null : { id: got.id, attempt: got.attempt };
  };
  return { queue, log, lease };
}

const SIM_SEEDS = [1, 2, 3];
const SIM = { poison: [4], flaky: [6], slow: [8], crashOn: [3] } as const;

function violation(run: JobQueueRun, jobId: string, property: string): PropertyViolation {
  return new PropertyViolation({ property, seed: run.seed, trace: jobStory(run, jobId) });
}

const setup = (s: QueueSettings) =>
  `Three workers, leases of ${s.leaseMs} ms, at most ${s.maxAttempts} attempts; the worker that gets j3 crashes 5 ms later, j8's first worker stalls for 350 ms, j6 fails once, j4 always fails.`;

export default defineTests<Learner>((learner) => {
  test('hands out jobs oldest first, each to one worker at a time', () => {
    const { log, lease } = leased(learner, { leaseMs: 100, maxAttempts: 3 }, 2);
    expect(lease('W1', 10), log.text).toEqual({ id: 'j1', attempt: 1 });
    expect(lease('W2', 11), log.text).toEqual({ id: 'j2', attempt: 1 });
    expect(lease('W3', 12), `${log.text} (both jobs are leased, so there is nothing to hand out)`).toBe(null);
  });

  test('a job whose lease runs out goes to the next worker, and the late ack is refused', () => {
    const { queue, log, lease } = leased(learner, { leaseMs: 100, maxAttempts: 3 }, 1);
    expect(lease('W1', 0), log.text).toEqual({ id: 'j1', attempt: 1 });
    expect(lease('W2', 99), `${log.text} (W1's lease runs until 100 ms)`).toBe(null);
    expect(lease('W2', 100), `${log.text} (W1's lease ran out at 100 ms: W1 may have crashed)`).toEqual({ id: 'j1', attempt: 2 });
    expect(log.call('ack("j1", "W1", 120)', queue.ack('j1', 'W1', 120)), `${log.text} (W1 lost its lease; W2 is working on j1 now)`).toBe(false);
    expect(log.call('ack("j1", "W2", 130)', queue.ack('j1', 'W2', 130)), `${log.text} (W2 holds the lease)`).toBe(true);
    expect(lease('W3', 400), `${log.text} (j1 is done)`).toBe(null);
  });

  test('a job that fails maxAttempts times goes to the dead-letter queue', () => {
    const { queue, log, lease } = leased(learner, { leaseMs: 100, maxAttempts: 2 }, 1);
    expect(lease('W1', 0), log.text).toEqual({ id: 'j1', attempt: 1 });
    queue.fail('j1', 'W1', 5);
    log.lines.push('fail("j1", "W1", 5)');
    expect(lease('W2', 6), `${log.text} (a failed job is retried at once)`).toEqual({ id: 'j1', attempt: 2 });
    queue.fail('j1', 'W2', 9);
    log.lines.push('fail("j1", "W2", 9)');
    expect(lease('W3', 10), `${log.text} (j1 failed on both of its 2 attempts)`).toBe(null);
    expect(log.call('deadLetters(11)', queue.deadLetters(11)), log.text).toEqual([job(1)]);
  });

  test('no job is lost and none is held by two workers at once, through crashes and stalls', () => {
    const settings = { leaseMs: 200, maxAttempts: 3 };
    for (const seed of SIM_SEEDS) {
      const run = runTwice(seed, (s) => jobQueueRun({ queue: (q) => new learner.JobQueue({ ...q }), settings, ...SIM }, s));
      for (const [i, d] of run.deliveries.entries()) {
        const earlier = run.deliveries.slice(0, i).filter((e) => e.job.id === d.job.id && d.atMs < e.atMs + settings.leaseMs);
        const stillHeld = earlier.find(
          (e) => !run.acks.some((a) => a.jobId === e.job.id && a.worker === e.worker && a.atMs >= e.atMs && a.accepted === true) &&
            !run.fails.some((f) => f.jobId === e.job.id && f.worker === e.worker && f.atMs >= e.atMs && f.atMs <= d.atMs),
        );
        if (stillHeld !== undefined) {
          throw violation(run, d.job.id, `${setup(settings)} At ${d.atMs} ms the queue handed ${d.job.id} to ${d.worker}, although ${stillHeld.worker} had leased it at ${stillHeld.atMs} ms and its lease ran until ${stillHeld.atMs + settings.leaseMs} ms: two workers held the same job.`);
        }
      }
      // An accepted ack is the queue's word that the job is done: check it against what the queue did afterwards.
      for (const ack of run.acks) {
        if (ack.accepted !== true) continue;
        const again = run.deliveries.find((d) => d.job.id === ack.jobId && d.atMs > ack.atMs);
        if (again !== undefined) {
          throw violation(run, ack.jobId, `${setup(settings)} At ${ack.atMs} ms the queue accepted ${ack.worker}'s ack of ${ack.jobId}, so the job was done, but at ${again.atMs} ms it handed ${ack.jobId} to ${again.worker} again.`);
        }
      }
      const lost = run.jobs.find((j) => j.id !== 'j4' && !run.acks.some((a) => a.jobId === j.id && a.accepted === true));
      if (lost !== undefined) {
        const handed = run.deliveries.filter((d) => d.job.id === lost.id).map((d) => `${d.worker} at ${d.atMs} ms`);
        throw violation(run, lost.id, `${setup(settings)} ${lost.id} was never completed: the queue handed it to ${handed.join(', ') || 'nobody'}, and by ${run.sim.now} ms no worker's ack had been accepted — the job is lost.`);
      }
      // A lease ran out (j3's worker crashed, j8's stalled) and the job went to another worker: the situation under test.
      const reissued = run.deliveries.some((d) => run.deliveries.some((e) => e.job.id === d.job.id && e.worker !== d.worker && d.atMs >= e.atMs + settings.leaseMs));
      if (!reissued) {
        throw violation(run, 'j3', `${setup(settings)} No job went to a second worker after its first lease ran out, although j3's worker crashed: this test cannot judge crashes and stalls. A job whose lease has run out must be handed out again.`);
      }
    }
  });

  test('a poison job is delivered exactly maxAttempts times, then dead-lettered', () => {
    for (const settings of [{ leaseMs: 200, maxAttempts: 3 }, { leaseMs: 150, maxAttempts: 2 }]) {
      const run = runTwice(1, (s) => jobQueueRun({ queue: (q) => new learner.JobQueue({ ...q }), settings, ...SIM }, s));
      const deliveries = run.deliveries.filter((d) => d.job.id === 'j4').length;
      const dead = Array.isArray(run.deadLetters) ? run.deadLetters.map((j: { id?: unknown }) => j?.id) : run.deadLetters;
      if (deliveries !== settings.maxAttempts || JSON.stringify(dead) !== JSON.stringify(['j4'])) {
        throw violation(run, 'j4', `${setup(settings)} The poison job j4 was delivered ${deliveries} times (expected ${settings.maxAttempts}), and at the end deadLetters() held ${JSON.stringify(dead)} (expected only j4).`);
      }
    }
  });
});
