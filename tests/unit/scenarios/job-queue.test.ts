import { describe, expect, it } from 'vitest';
import { checkExactlyOnce } from '../../../src/testkit/checkers/index.ts';
import { jobQueueRun, jobStory, type Handler, type QueueSettings, type SeenStore } from '../../../src/scenarios/job-queue.ts';
import { JobQueue } from '../../../exercises/job-queue/solution.ts';

const idempotent = (handler: Handler, seen: SeenStore): Handler => (job) => {
  if (seen.has(job.id)) return;
  handler(job);
  seen.add(job.id);
};
const idOf = (op: { input?: unknown }) => (op.input as { id: string }).id;
const options = { queue: (settings: QueueSettings) => new JobQueue(settings), poison: [4], flaky: [6], slow: [8], crashOn: [3] } as const;

describe('the background job queue', () => {
  it('delivers at least once: a stalled worker makes a job run twice, and its late ack is refused', () => {
    const run = jobQueueRun(options, 1);
    expect(run.deliveries.filter((d) => d.job.id === 'j8')).toHaveLength(2);
    expect(run.effects.filter((e) => e.id === 'j8')).toHaveLength(2);
    expect(run.acks.filter((a) => a.jobId === 'j8').map((a) => a.accepted)).toEqual([true, false]);
  });

  it('redelivers a crashed worker’s job after its lease, retries a flaky job, dead-letters a poison one', () => {
    for (const seed of [1, 2, 3]) {
      const run = jobQueueRun(options, seed);
      const j3 = run.deliveries.filter((d) => d.job.id === 'j3');
      expect(j3).toHaveLength(2);
      expect(j3[1]!.atMs - j3[0]!.atMs).toBeGreaterThanOrEqual(200);
      expect(run.deliveries.filter((d) => d.job.id === 'j4')).toHaveLength(3);
      expect(run.deadLetters).toEqual([{ id: 'j4', payload: 'receipt for order 104' }]);
      expect(run.fails.filter((f) => f.jobId === 'j6')).toHaveLength(1);
      for (const job of run.jobs) if (job.id !== 'j4') expect(run.acks.some((a) => a.jobId === job.id && a.accepted === true)).toBe(true);
    }
  });

  it('with an idempotent handler every job but the poison one sends exactly one email', () => {
    const run = jobQueueRun({ ...options, wrap: idempotent }, 2);
    const history = run.history.filter((op) => idOf(op) !== 'j4');
    expect(checkExactlyOnce(history, run.effects, { idOf }).ok).toBe(true);
    expect(checkExactlyOnce(jobQueueRun(options, 2).history.filter((op) => idOf(op) !== 'j4'), jobQueueRun(options, 2).effects, { idOf }).ok).toBe(false);
  });

  it('tells a job’s story from the trace, and is deterministic', () => {
    const run = jobQueueRun(options, 1);
    const story = jobStory(run, 'j3');
    expect(story.some((line) => line.includes('job j3 (attempt 1)'))).toBe(true);
    expect(story.some((line) => line.includes('crashed'))).toBe(true);
    expect(run.sim.fingerprint()).toBe(jobQueueRun(options, 1).sim.fingerprint());
  });
});
