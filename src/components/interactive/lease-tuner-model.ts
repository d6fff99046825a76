/**
 * What the lease tuner shows, shared by its build-time render (LeaseTuner.astro) and its custom element
 * (lease-tuner-element.ts): lesson 10's job queue run with one lease length (visibility timeout) over a few
 * seeds — how many jobs were delivered more than once, how many emails a plain handler sent twice, how long
 * a crashed worker's job waited, and how many jobs ended in the dead-letter queue. Pure: it runs in Node at
 * build time and in the page.
 */
import { barChart } from '../../figures/bar-chart.ts';
import type { Figure } from '../../figures/figure.ts';
import { jobQueueRun, type JobQueueRun } from '../../scenarios/job-queue.ts';
import { JobQueue } from '../../../exercises/job-queue/solution.ts';

export const LEASE_MIN_MS = 50;
export const LEASE_MAX_MS = 800;
export const LEASE_STEP_MS = 50;
export const LEASE_SEEDS = [1, 2, 3, 4, 5] as const;
/** The job whose first worker crashes, and the job whose first worker stalls. */
const CRASHED = 3;
const STALLED = 8;

export type LeaseStat = 'redelivered' | 'doubleEmails' | 'crashWait' | 'dead';

export interface LeaseRow {
  readonly key: LeaseStat;
  readonly label: string;
  readonly value: string;
}

export interface LeaseReading {
  readonly leaseMs: number;
  readonly rows: readonly LeaseRow[];
  readonly perSeed: readonly { readonly seed: number; readonly doubleEmails: number; readonly crashWaitMs: number | null }[];
  readonly chart: Figure;
  readonly summary: string;
}

/** How long the crashed worker's job waited: from its first delivery to the accepted ack (null: never done). */
function crashWait(run: JobQueueRun): number | null {
  const id = `j${CRASHED}`;
  const first = run.deliveries.find((d) => d.job.id === id);
  const done = run.acks.find((a) => a.jobId === id && a.accepted === true);
  return first === undefined || done === undefined ? null : done.atMs - first.atMs;
}

export function readLeaseAt(leaseMs: number): LeaseReading {
  const runs = LEASE_SEEDS.map((seed) => jobQueueRun({ queue: (settings) => new JobQueue(settings), settings: { leaseMs, maxAttempts: 3 }, crashOn: [CRASHED], slow: [STALLED] }, seed));
  const perSeed = runs.map((run) => ({
    seed: run.seed,
    redelivered: run.jobs.filter((j) => run.deliveries.filter((d) => d.job.id === j.id).length > 1).length,
    doubleEmails: run.jobs.filter((j) => run.effects.filter((e) => e.id === j.id).length > 1).length,
    crashWaitMs: crashWait(run),
    dead: Array.isArray(run.deadLetters) ? run.deadLetters.length : 0,
  }));
  const sum = (pick: (s: (typeof perSeed)[number]) => number) => perSeed.reduce((total, s) => total + pick(s), 0);
  const waits = perSeed.map((s) => s.crashWaitMs).filter((ms): ms is number => ms !== null);
  const meanWait = waits.length === 0 ? null : Math.round(waits.reduce((a, b) => a + b, 0) / waits.length);
  const jobs = runs[0]!.jobs.length * runs.length;
  const rows: LeaseRow[] = [
    { key: 'redelivered', label: 'Jobs delivered more than once', value: `${sum((s) => s.redelivered)} of ${jobs}` },
    { key: 'doubleEmails', label: 'Emails sent twice by a plain (not idempotent) handler', value: String(sum((s) => s.doubleEmails)) },
    { key: 'crashWait', label: 'Crashed worker’s job: first delivery to done (mean)', value: meanWait === null ? 'never done' : `${meanWait} ms` },
    { key: 'dead', label: 'Healthy jobs dead-lettered (every attempt outlived its lease)', value: String(sum((s) => s.dead)) },
  ];
  const chart = barChart({
    title: `Emails sent twice per run, leases of ${leaseMs} ms`,
    x: { label: 'seed', categories: perSeed.map((s) => `seed ${s.seed}`) },
    y: { label: 'jobs whose email went out twice', min: 0 },
    series: [{ name: 'jobs emailed twice (plain handler)', values: perSeed.map((s) => s.doubleEmails) }],
    height: 220,
  });
  return {
    leaseMs,
    rows,
    perSeed,
    chart,
    summary: `Leases of ${leaseMs} ms: ${rows[0]!.value} jobs delivered more than once, ${rows[1]!.value} emails sent twice without idempotency; the crashed worker's job ${meanWait === null ? 'was never finished' : `took ${meanWait} ms to finish`}; ${rows[3]!.value} healthy jobs dead-lettered.`,
  };
}

export const leaseValueText = (ms: number) => `${ms} milliseconds`;
