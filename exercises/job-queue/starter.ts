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

/** An at-least-once job queue with leases, a delivery limit and a dead-letter queue. */
export class JobQueue {
  private readonly settings: QueueSettings;
  private readonly waiting: Job[] = [];

  constructor(settings: QueueSettings) {
    this.settings = settings;
  }

  enqueue(job: Job, now: number): void {
    this.waiting.push({ ...job });
  }

  /** The oldest job nobody holds, leased to `worker`; null when there is none. */
  lease(worker: string, now: number): LeasedJob | null {
    // Handing the job out and forgetting it: what if this worker crashes before it finishes?
    const job = this.waiting.shift();
    return job === undefined ? null : { ...job, attempt: 1 };
  }

  /** Marks the job done if `worker` still holds its lease; false otherwise. */
  ack(jobId: string, worker: string, now: number): boolean {
    return true;
  }

  /** The worker gave up on the job. */
  fail(jobId: string, worker: string, now: number): void {}

  /** The jobs that will not be tried again, in enqueue order. */
  deadLetters(now: number): Job[] {
    return [];
  }
}
