/**
 * Client bookkeeping: operations invoked and their records, requests put on the network, replies matched to
 * the operation a client is waiting on, timeouts that leave an outcome unknown, and closed loops that issue
 * the next operation when one completes. The records are the run's history.
 *
 * The network carries requests and replies like any message (the engine's `transmit`); only what a client
 * does with them lives here.
 */
import type { Operation } from './history.ts';
import type { ClientRequest, Invocation } from './types.ts';
import { Client, OperationRecord, type ClientHost } from './client.ts';
import type { Engine } from './engine.ts';
import { SimConfigError } from './errors.ts';
import { EV } from './event-kinds.ts';
import { freezeMessage } from './freeze.ts';
import type { NodeState } from './node-state.ts';
import type { SimEvent } from './queue.ts';
import { checkPositive } from './validate.ts';
import { CARRIED, DROP, TK, type ReplyMessage } from './trace.ts';

export class ClientDriver implements ClientHost {
  private readonly engine: Engine;
  /** Every operation invoked, in invocation order. */
  private readonly operations: OperationRecord[] = [];
  private nextOperationId = 1;

  constructor(engine: Engine) {
    this.engine = engine;
  }

  addClient(id: string, timeoutMs: number): Client {
    const engine = this.engine;
    const field = `addClient(${JSON.stringify(id)})`;
    engine.checkNewId(id, `${field}: id`);
    checkPositive(`${field}: timeoutMs`, timeoutMs);
    const index = engine.addEndpoint(id);
    const client = new Client(this, id, index, timeoutMs);
    engine.clients[index] = client;
    return client;
  }

  invoke(client: Client, invocation: Invocation): number {
    const engine = this.engine;
    const field = `client ${client.id}.invoke`;
    if (typeof invocation !== 'object' || invocation === null) throw new SimConfigError(field, invocation, 'needs { node, f, input?, key? }');
    const target = engine.nodeIndex(invocation.node, `${field}: node`);
    if (typeof invocation.f !== 'string' || invocation.f.length === 0) throw new SimConfigError(`${field}: f`, invocation.f, 'must be a non-empty string');
    if (invocation.key !== undefined && typeof invocation.key !== 'string') throw new SimConfigError(`${field}: key`, invocation.key, 'must be a string');
    if (client.pending !== null) {
      throw new SimConfigError(field, invocation.f, `was called at t=${engine.now}ms while op ${client.pending.request.id} is still in flight (a client has at most one; add another client)`);
    }
    const id = this.nextOperationId++;
    const request: ClientRequest = invocation.key === undefined
      ? { id, client: client.id, f: invocation.f, input: invocation.input }
      : { id, client: client.id, f: invocation.f, key: invocation.key, input: invocation.input };
    const hash = freezeMessage(request, 'client', () => `${client.id}.invoke`);
    const record = new OperationRecord(request, engine.now);
    this.operations.push(record);
    client.pending = record;
    const outerCause = engine.cause;
    engine.cause = engine.record(TK.invoke, client.index, target, 0, 0, hash, request);
    engine.transmit(client.index, target, EV.request, request, hash, CARRIED.request);
    const timeout = engine.event(engine.now + client.timeoutMs, EV.clientTimeout, client.index);
    timeout.payload = record;
    engine.queue.push(timeout);
    record.timeout = timeout;
    engine.cause = outerCause;
    return id;
  }

  scheduleNext(client: Client, atMs: number | undefined, invocation: Invocation | null, field: string): void {
    const engine = this.engine;
    const time = atMs ?? engine.now;
    engine.checkFuture(field, time);
    const event = engine.event(time, EV.clientNext, client.index);
    event.payload = invocation;
    engine.queue.push(event);
  }

  /** A node answers a request (`ctx.reply` / `ctx.fail`): the reply travels back over the network. */
  answer(node: NodeState, request: ClientRequest, ok: boolean, output: unknown, error: string | undefined): void {
    const engine = this.engine;
    engine.checkActive(node, ok ? 'reply' : 'fail');
    const client = typeof request === 'object' && request !== null ? engine.indexById.get(request.client) : undefined;
    if (client === undefined || engine.clients[client] === undefined) {
      throw new SimConfigError(`${ok ? 'reply' : 'fail'} from ${node.id}: request`, request, 'must be the request object onRequest received');
    }
    const reply: ReplyMessage = ok ? (output === undefined ? { op: request.id, ok } : { op: request.id, ok, output }) : { op: request.id, ok, error: error as string };
    const hash = freezeMessage(reply, 'reply from', node.id);
    engine.transmit(node.index, client, EV.reply, reply, hash, CARRIED.reply);
  }

  /** A reply arrived: it completes the operation its client is waiting on, or is dropped. */
  deliverReply(event: SimEvent): void {
    const engine = this.engine;
    if (!event.arrived && engine.partitions.isBlocked(event.from, event.target)) return engine.dropOnArrival(event, DROP.partition, CARRIED.reply);
    const client = engine.clients[event.target] as Client;
    const reply = event.payload as ReplyMessage;
    const pending = client.pending;
    if (pending === null || pending.request.id !== reply.op) return engine.dropOnArrival(event, DROP.notWaiting, CARRIED.reply);
    engine.messagesDelivered++;
    engine.cause = engine.record(TK.reply, event.target, event.from, event.sentAt, 0, event.hash, reply);
    if (reply.ok) {
      pending.outcome = 'ok';
      pending.output = reply.output;
    } else {
      pending.outcome = 'fail';
      pending.error = reply.error;
    }
    this.complete(client, pending);
  }

  /** A client stopped waiting: the outcome of its operation is unknown. */
  timeout(event: SimEvent): void {
    const engine = this.engine;
    const client = engine.clients[event.target] as Client;
    const record = event.payload as OperationRecord;
    // This event is about to be recycled: the record must not keep it.
    record.timeout = null;
    engine.cause = engine.record(TK.timeout, event.target, -1, 0, 0, record.request.id, record.request);
    record.outcome = 'unknown';
    record.error = `no reply within ${client.timeoutMs}ms`;
    this.complete(client, record);
  }

  private complete(client: Client, record: OperationRecord): void {
    const now = this.engine.now;
    record.completedAt = now;
    if (record.timeout !== null) {
      record.timeout.cancelled = true;
      record.timeout = null;
    }
    client.pending = null;
    client.lastCompleted = record;
    if (client.loop !== null) this.scheduleNext(client, now + client.loop.thinkMs, null, `client ${client.id}.closedLoop`);
  }

  /** A scheduled invocation came due, or a closed loop's next turn. */
  next(event: SimEvent): void {
    const client = this.engine.clients[event.target] as Client;
    const invocation = event.payload as Invocation | null;
    if (invocation !== null) {
      this.invoke(client, invocation);
      return;
    }
    if (client.loop === null) return;
    const next = client.loop.next(client.lastCompleted?.toOperation());
    if (next !== null) this.invoke(client, next);
  }

  history(): Operation[] {
    return this.operations.map((record) => record.toOperation());
  }
}
