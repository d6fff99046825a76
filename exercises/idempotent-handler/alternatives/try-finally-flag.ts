// A named inner function that records the id in a finally block guarded by a completion flag, instead of recording on the line after the call.
export interface Job {
  id: string;
  payload: string;
  attempt: number;
}

export interface SeenStore {
  has(jobId: string): boolean;
  add(jobId: string): void;
}

export type Handler = (job: Job) => void;

export function makeIdempotent(handler: Handler, seen: SeenStore): Handler {
  return function once(job: Job): void {
    const { id } = job;
    if (!seen.has(id)) {
      let sent = false;
      try {
        handler(job);
        sent = true;
      } finally {
        if (sent) seen.add(id);
      }
    }
  };
}
