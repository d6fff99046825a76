/**
 * Lesson 10's figures, from real runs of the job-queue scenario (three workers, leases of 200 ms):
 * - {@link duplicateDelivery}: j8's first worker stalls past its lease, the queue hands j8 to another
 *   worker, and both send the receipt email — at-least-once delivery, seen on the wire.
 * - {@link emailsPerJob}: the same run with a plain handler and with an idempotent one, emails per job.
 */
import type { Figure } from '../figure.ts';
import { barChart } from '../bar-chart.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { jobQueueRun, type QueueSettings } from '../../scenarios/job-queue.ts';
import { JobQueue } from '../../../exercises/job-queue/solution.ts';
import { makeIdempotent } from '../../../exercises/idempotent-handler/solution.ts';

const STORY = { queue: (settings: QueueSettings) => new JobQueue(settings), slow: [8], crashOn: [3] } as const;

export function duplicateDelivery(seed = 1): Figure {
  const run = jobQueueRun(STORY, seed);
  const events = run.sim.trace.events();
  const deliveries = run.deliveries.filter((d) => d.job.id === 'j8');
  const emails = run.effects.filter((e) => e.id === 'j8');
  // Emphasise j8's messages; the polling around them is dimmed.
  const highlight = events.filter((e) => / j8\b/.test(e.summary)).map((e) => e.id);
  return spaceTimeDiagram(events, {
    title: `j8 delivered ${deliveries.length} times (to ${deliveries.map((d) => d.worker).join(' and ')}) and its email sent ${emails.length} times (seed ${seed})`,
    lanes: ['Q', 'W1', 'W2', 'W3', 'M'],
    fromMs: deliveries[0]!.atMs - 20,
    toMs: Math.max(...emails.map((e) => e.at)) + 20,
    highlight,
    messageLabels: false,
  });
}

export function emailsPerJob(seed = 1): Figure {
  const plain = jobQueueRun(STORY, seed);
  const guarded = jobQueueRun({ ...STORY, wrap: makeIdempotent }, seed);
  const count = (effects: readonly { id: string }[], id: string) => effects.filter((e) => e.id === id).length;
  return barChart({
    title: `Receipt emails per job, plain handler vs idempotent handler (seed ${seed})`,
    x: { label: 'job', categories: plain.jobs.map((j) => j.id) },
    y: { label: 'emails sent', min: 0, max: 3 },
    series: [
      { name: 'plain handler', values: plain.jobs.map((j) => count(plain.effects, j.id)) },
      { name: 'idempotent handler', values: plain.jobs.map((j) => count(guarded.effects, j.id)) },
    ],
    height: 260,
  });
}
