/**
 * Clients issue operations to nodes and keep the history checkers read. A client is an endpoint on the
 * network: its requests and the replies cross links and partitions like any other message.
 */
import type { Operation, Outcome } from './history.ts';
import type { ClientRequest, Invocation } from './types.ts';
import type { SimEvent } from './queue.ts';
import { checkTime } from './validate.ts';

/** What the engine does for a client; kept as an interface so this file does not import the engine. */
export interface ClientHost {
  invoke(client: Client, invocation: Invocation): number;
  /** `atMs` undefined means now. `invocation` null means: ask the client's closed loop. */
  scheduleNext(client: Client, atMs: number | undefined, invocation: Invocation | null, field: string): void;
}

/** Chooses a closed-loop client's next operation; `null` stops the loop. */
export type NextInvocation = (previous: Operation | undefined) => Invocation | null;

export interface ClosedLoopOptions {
  /** When the first operation is issued (default: now). */
  readonly startMs?: number;
  /** Pause between a completion and the next invocation (default 0). */
  readonly thinkMs?: number;
}

/** An operation while the client tracks it; frozen into an `Operation` when the history is read. */
export class OperationRecord {
  readonly request: ClientRequest;
  readonly invokedAt: number;
  outcome: Outcome = 'pending';
  output: unknown = undefined;
  completedAt: number | undefined = undefined;
  error: string | undefined = undefined;
  timeout: SimEvent | null = null;

  constructor(request: ClientRequest, invokedAt: number) {
    this.request = request;
    this.invokedAt = invokedAt;
  }

  toOperation(): Operation {
    const { id, client, f, key, input } = this.request;
    const operation: { -readonly [K in keyof Operation]: Operation[K] } = { id, client, f, input, invokedAt: this.invokedAt, outcome: this.outcome };
    if (key !== undefined) operation.key = key;
    if (this.outcome === 'ok') operation.output = this.output;
    if (this.completedAt !== undefined) operation.completedAt = this.completedAt;
    if (this.error !== undefined) operation.error = this.error;
    return Object.freeze(operation);
  }
}

export class Client {
  readonly id: string;
  readonly timeoutMs: number;
  /** Endpoint index (engine use). */
  readonly index: number;
  /** The operation in flight, if any (engine use). */
  pending: OperationRecord | null = null;
  /** The last completed operation, handed to a closed loop's `next` (engine use). */
  lastCompleted: OperationRecord | undefined = undefined;
  /** The closed loop driving this client, if any (engine use). */
  loop: { readonly next: NextInvocation; readonly thinkMs: number } | null = null;
  private readonly host: ClientHost;

  constructor(host: ClientHost, id: string, index: number, timeoutMs: number) {
    this.host = host;
    this.id = id;
    this.index = index;
    this.timeoutMs = timeoutMs;
  }

  /** Issues an operation now; returns its id. Throws if one is still in flight. */
  invoke(invocation: Invocation): number {
    return this.host.invoke(this, invocation);
  }

  /** Issues an operation at a virtual time. */
  invokeAt(timeMs: number, invocation: Invocation): void {
    this.host.scheduleNext(this, timeMs, invocation, `client ${this.id}.invokeAt: timeMs`);
  }

  /** Issues operations one after another: the next only after the previous completed (ok, fail or unknown). */
  closedLoop(next: NextInvocation, options: ClosedLoopOptions = {}): void {
    const thinkMs = options.thinkMs ?? 0;
    checkTime(`client ${this.id}.closedLoop: thinkMs`, thinkMs);
    this.loop = { next, thinkMs };
    this.host.scheduleNext(this, options.startMs, null, `client ${this.id}.closedLoop: startMs`);
  }
}
