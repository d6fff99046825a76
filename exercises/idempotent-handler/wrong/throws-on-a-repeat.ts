// Wrong on purpose: throws when a job's id is already recorded, so the queue takes a job that is done for a failure and retries it until it dead-letters it.
/** A job as the queue delivers it: the same job may arrive more than once, each time as a new object. */
export interface Job {
  id: string;
  payload: string;
  attempt: number;
}

/** A durable record, shared by all workers, of the job ids whose work is done. */
export interface SeenStore {
  has(jobId: string): boolean;
  add(jobId: string): void;
}

export type Handler = (job: Job) => void;

/** Wraps `handler` so that each job id has its effect once, however often the job is delivered. */
export function makeIdempotent(handler: Handler, seen: SeenStore): Handler {
  return (job) => {
    // Redelivered jobs are new objects: only the id says it is the same job.
    if (seen.has(job.id)) throw new Error(`job ${job.id} was already done`);
    // Record the id only after the work succeeded: if the handler throws, the retry must do it.
    handler(job);
    seen.add(job.id);
  };
}
