/**
 * The record a client keeps of the operations it issued. Checkers (src/testkit/checkers) read it.
 *
 * Outcomes follow Jepsen/Knossos usage:
 * - `ok`: the operation took effect, once, somewhere between `invokedAt` and `completedAt`.
 * - `fail`: the operation certainly did not take effect (e.g. the server refused it).
 * - `unknown`: the client gave up waiting (timeout, crash); it may or may not take effect, at any time
 *   after `invokedAt` — even after `completedAt`, which is only when the client stopped waiting.
 * - `pending`: still in flight when the history was read; checkers treat it like `unknown`.
 *
 * Times are virtual milliseconds (integers), the unit used everywhere in src/sim.
 */
export type Outcome = 'ok' | 'fail' | 'unknown' | 'pending';

export interface Operation<Input = unknown, Output = unknown> {
  /** Unique within one history; ids increase in invocation order. */
  readonly id: number;
  /** The client (process) that issued it. A client has at most one operation in flight. */
  readonly client: string;
  /** What the operation does: 'read', 'write', 'cas', 'enqueue', … */
  readonly f: string;
  /** The key it touches, for multi-key stores; absent for a single register. */
  readonly key?: string;
  readonly input: Input;
  readonly invokedAt: number;
  readonly outcome: Outcome;
  /** The value returned, for `ok` operations. */
  readonly output?: Output;
  /** When the client saw the reply or gave up; absent while `pending`. */
  readonly completedAt?: number;
  /** Why it failed or was given up, in plain words. */
  readonly error?: string;
}

export type History<Input = unknown, Output = unknown> = readonly Operation<Input, Output>[];
