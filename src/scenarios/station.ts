/**
 * A service station, the building block of the load models: `workers` jobs are served at once, the rest
 * wait in one first-come-first-served queue. Each job needs a service time of a worker and then — if
 * `lockMs` is set — `lockMs` more while holding one global lock every job needs (a table lock, a
 * single-threaded section); the worker stays busy while its job waits for the lock. When a job is done the
 * station calls `done`, which answers whoever sent it.
 *
 * A station lives inside one node's behaviour: the node passes arriving jobs to `arrive` and its timers to
 * `onTimer`. Service times are drawn from the node's own random stream.
 */
import type { NodeContext, Rng } from '../sim/index.ts';

/** Service time per job: always the same, or exponentially distributed around a mean (whole ms). */
export type ServiceTime =
  | { readonly kind: 'constant'; readonly ms: number }
  | { readonly kind: 'exponential'; readonly meanMs: number };

export interface StationSpec {
  /** Jobs served at the same time. */
  readonly workers: number;
  readonly service: ServiceTime;
  /** Extra time each job holds the single global lock, after its service (default: no lock). */
  readonly lockMs?: number;
}

export function meanServiceMs(service: ServiceTime): number {
  return service.kind === 'constant' ? service.ms : service.meanMs;
}

function sampleService(service: ServiceTime, rng: Rng): number {
  // 1 - u lies in (0, 1], so the logarithm is finite.
  return service.kind === 'constant' ? service.ms : Math.round(-service.meanMs * Math.log(1 - rng.next()));
}

/**
 * Jobs the station completes per second when it is never idle: each worker finishes one job per mean
 * service time, and the lock lets through one job per `lockMs`, whichever is fewer.
 */
export function capacityPerSec(spec: StationSpec): number {
  const byWorkers = (spec.workers * 1000) / Math.max(1, meanServiceMs(spec.service));
  return spec.lockMs === undefined || spec.lockMs === 0 ? byWorkers : Math.min(byWorkers, 1000 / spec.lockMs);
}

export interface Station<Job> {
  arrive(ctx: NodeContext, job: Job): void;
  /** Handles the station's own timers; returns false for timers that are not the station's. */
  onTimer(ctx: NodeContext, name: string, payload: unknown): boolean;
}

const SERVED = 'served';
const UNLOCKED = 'unlocked';

/** A fresh station (create one per node start: its queue is volatile state). `key` names a job uniquely. */
export function station<Job>(spec: StationSpec, key: (job: Job) => number, done: (ctx: NodeContext, job: Job) => void): Station<Job> {
  if (!Number.isSafeInteger(spec.workers) || spec.workers < 1) throw new Error(`station: workers must be a positive whole number, got ${spec.workers}`);
  const waiting: Job[] = [];
  const waitingForLock: Job[] = [];
  const serving = new Map<number, Job>();
  const locking = spec.lockMs !== undefined && spec.lockMs > 0;
  let idleWorkers = spec.workers;
  let lockHeld = false;

  const startWork = (ctx: NodeContext): void => {
    while (idleWorkers > 0 && waiting.length > 0) {
      const job = waiting.shift() as Job;
      idleWorkers -= 1;
      serving.set(key(job), job);
      ctx.setTimer(sampleService(spec.service, ctx.rng), SERVED, key(job));
    }
  };
  const finish = (ctx: NodeContext, id: number): void => {
    const job = serving.get(id) as Job;
    serving.delete(id);
    idleWorkers += 1;
    done(ctx, job);
    startWork(ctx);
  };
  const grantLock = (ctx: NodeContext): void => {
    if (lockHeld || waitingForLock.length === 0) return;
    lockHeld = true;
    ctx.setTimer(spec.lockMs as number, UNLOCKED, key(waitingForLock.shift() as Job));
  };

  return {
    arrive: (ctx, job) => {
      waiting.push(job);
      startWork(ctx);
    },
    onTimer: (ctx, name, payload) => {
      const id = payload as number;
      if (name === UNLOCKED) {
        lockHeld = false;
        finish(ctx, id);
        grantLock(ctx);
      } else if (name !== SERVED) {
        return false;
      } else if (!locking) {
        finish(ctx, id);
      } else {
        waitingForLock.push(serving.get(id) as Job);
        grantLock(ctx);
      }
      return true;
    },
  };
}
