// Keeps jobs in a Map by id plus separate ordered lists (waiting ids, leases by id, dead ids kept sorted by enqueue number), instead of one array of entries with a state field.
export interface Job {
  id: string;
  payload: string;
}

export interface LeasedJob extends Job {
  attempt: number;
}

export interface QueueSettings {
  leaseMs: number;
  maxAttempts: number;
}

interface Record_ {
  payload: string;
  order: number;
  deliveries: number;
}

export class JobQueue {
  private readonly jobs = new Map<string, Record_>();
  /** Ids free to lease, kept in enqueue order. */
  private waiting: string[] = [];
  private readonly leases = new Map<string, { worker: string; until: number }>();
  private dead: string[] = [];
  private enqueued = 0;

  private readonly settings: QueueSettings;

  constructor(settings: QueueSettings) {
    this.settings = settings;
  }

  enqueue(job: Job, now: number): void {
    this.expire(now);
    this.jobs.set(job.id, { payload: job.payload, order: this.enqueued++, deliveries: 0 });
    this.waiting.push(job.id);
  }

  lease(worker: string, now: number): LeasedJob | null {
    this.expire(now);
    const id = this.waiting.shift();
    if (id === undefined) return null;
    const job = this.jobs.get(id)!;
    job.deliveries++;
    this.leases.set(id, { worker, until: now + this.settings.leaseMs });
    return { id, payload: job.payload, attempt: job.deliveries };
  }

  ack(jobId: string, worker: string, now: number): boolean {
    this.expire(now);
    if (this.leases.get(jobId)?.worker !== worker) return false;
    this.leases.delete(jobId);
    return true;
  }

  fail(jobId: string, worker: string, now: number): void {
    this.expire(now);
    if (this.leases.get(jobId)?.worker !== worker) return;
    this.leases.delete(jobId);
    this.endWithoutAck(jobId);
  }

  deadLetters(now: number): Job[] {
    this.expire(now);
    return this.dead.map((id) => ({ id, payload: this.jobs.get(id)!.payload }));
  }

  private expire(now: number): void {
    for (const [id, { until }] of [...this.leases]) {
      if (now < until) continue;
      this.leases.delete(id);
      this.endWithoutAck(id);
    }
  }

  /** A delivery ended without an ack: back to waiting in its place, or to the dead letters. */
  private endWithoutAck(id: string): void {
    const byOrder = (a: string, b: string): number => this.jobs.get(a)!.order - this.jobs.get(b)!.order;
    if (this.jobs.get(id)!.deliveries >= this.settings.maxAttempts) this.dead = [...this.dead, id].sort(byOrder);
    else this.waiting = [...this.waiting, id].sort(byOrder);
  }
}
