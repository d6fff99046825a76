// Wrong on purpose: deadLetters(now) does not let leases run out first, so a job whose last lease has just ended is missing until some other call comes.
/** A unit of background work. */
export interface Job {
  id: string;
  payload: string;
}

/** A job as the queue hands it to a worker. */
export interface LeasedJob extends Job {
  /** 1 on the first delivery, 2 on the second, … */
  attempt: number;
}

export interface QueueSettings {
  /** How long a delivered job stays hidden from other workers (virtual ms). */
  leaseMs: number;
  /** Deliveries after which a job that still fails goes to the dead-letter queue. */
  maxAttempts: number;
}

interface Entry {
  job: Job;
  attempts: number;
  /** The worker holding the lease, and until when; null when nobody does. */
  holder: string | null;
  leasedUntil: number;
  state: 'ready' | 'done' | 'dead';
}

/** An at-least-once job queue with leases, a delivery limit and a dead-letter queue. */
export class JobQueue {
  private readonly settings: QueueSettings;
  private readonly entries: Entry[] = [];

  constructor(settings: QueueSettings) {
    this.settings = settings;
  }

  enqueue(job: Job, now: number): void {
    this.entries.push({ job: { ...job }, attempts: 0, holder: null, leasedUntil: 0, state: 'ready' });
  }

  /** The oldest job nobody holds, leased to `worker`; null when there is none. */
  lease(worker: string, now: number): LeasedJob | null {
    this.expireLeases(now);
    const entry = this.entries.find((e) => e.state === 'ready' && e.holder === null);
    if (entry === undefined) return null;
    entry.attempts += 1;
    entry.holder = worker;
    entry.leasedUntil = now + this.settings.leaseMs;
    return { ...entry.job, attempt: entry.attempts };
  }

  /** Marks the job done if `worker` still holds its lease; false otherwise (someone else may be on it). */
  ack(jobId: string, worker: string, now: number): boolean {
    this.expireLeases(now);
    const entry = this.held(jobId, worker);
    if (entry === undefined) return false;
    entry.state = 'done';
    entry.holder = null;
    return true;
  }

  /** The worker gave up on the job: retry it at once, or dead-letter it after the last attempt. */
  fail(jobId: string, worker: string, now: number): void {
    this.expireLeases(now);
    const entry = this.held(jobId, worker);
    if (entry !== undefined) this.release(entry);
  }

  /** The jobs that will not be tried again, in enqueue order. */
  deadLetters(now: number): Job[] {
    return this.entries.filter((e) => e.state === 'dead').map((e) => ({ ...e.job }));
  }

  private held(jobId: string, worker: string): Entry | undefined {
    return this.entries.find((e) => e.job.id === jobId && e.state === 'ready' && e.holder === worker);
  }

  // A lease that ran out counts as a failed attempt: the worker may have crashed.
  private expireLeases(now: number): void {
    for (const entry of this.entries) if (entry.state === 'ready' && entry.holder !== null && now >= entry.leasedUntil) this.release(entry);
  }

  private release(entry: Entry): void {
    entry.holder = null;
    if (entry.attempts >= this.settings.maxAttempts) entry.state = 'dead';
  }
}
