/**
 * A node as the engine keeps it — its program, incarnation, timers, backlog while paused, disk and random
 * stream — and the `ctx` its handlers receive, which acts for the node only while its own handler runs.
 */
import type { ClientRequest, NodeBehaviour, NodeContext, NodeProgram } from './types.ts';
import type { Engine } from './engine.ts';
import { Disk } from './disk.ts';
import { SimConfigError } from './errors.ts';
import type { SimEvent } from './queue.ts';
import type { Rng } from './rng.ts';

/** A fresh behaviour from a node's program, checked so a typo fails at once with the handler named. */
export function instantiate(program: NodeProgram, id: string): NodeBehaviour {
  const behaviour = typeof program === 'function' ? program() : program;
  const field = `node ${id}`;
  if (typeof behaviour !== 'object' || behaviour === null) throw new SimConfigError(`${field}: program()`, behaviour, 'must return a behaviour object');
  for (const handler of ['onStart', 'onMessage', 'onTimer', 'onRequest'] as const) {
    const value = behaviour[handler];
    if (value !== undefined && typeof value !== 'function') throw new SimConfigError(`${field}: ${handler}`, typeof value, 'must be a function');
  }
  return behaviour;
}

/**
 * Handlers must finish before the next event: an async handler's continuation would run outside virtual
 * time, in an order no seed controls. Say so plainly instead of failing later with a confusing error.
 */
export function refuseAsync(result: unknown, node: NodeState, handler: string): void {
  if (result !== null && typeof (result as { then?: unknown }).then === 'function') {
    throw new SimConfigError(`node ${node.id}: ${handler}`, 'a Promise', 'must be synchronous (no async, no await): it ran outside virtual time');
  }
}

export class NodeState {
  readonly id: string;
  readonly index: number;
  readonly program: NodeProgram;
  readonly disk: Disk;
  readonly rng: Rng;
  readonly ctx: NodeCtx;
  behaviour: NodeBehaviour | null = null;
  up = false;
  paused = false;
  incarnation = 0;
  skewMs = 0;
  /** Pending timers by id, in the order they were set. */
  readonly timers = new Map<number, SimEvent>();
  /** Events that came due while paused, in the order they came due. */
  backlog: SimEvent[] = [];
  peers: readonly string[] = [];
  peersFor = -1;

  constructor(engine: Engine, id: string, index: number, program: NodeProgram) {
    this.id = id;
    this.index = index;
    this.program = program;
    this.disk = new Disk(id);
    this.rng = engine.rng.fork(`node:${id}`);
    this.ctx = new NodeCtx(engine, this);
  }
}

/** The `ctx` handed to a node's handlers. Refuses to act for a node whose handler is not running. */
class NodeCtx implements NodeContext {
  private readonly engine: Engine;
  private readonly node: NodeState;

  constructor(engine: Engine, node: NodeState) {
    this.engine = engine;
    this.node = node;
  }

  get id(): string {
    return this.node.id;
  }
  get now(): number {
    return this.engine.now + this.node.skewMs;
  }
  get incarnation(): number {
    return this.node.incarnation;
  }
  get peers(): readonly string[] {
    return this.engine.peersOf(this.node);
  }
  get disk(): Disk {
    return this.node.disk;
  }
  get rng(): Rng {
    return this.node.rng;
  }
  send(to: string, message: unknown): void {
    this.engine.nodeSend(this.node, to, message);
  }
  setTimer(delayMs: number, name: string, payload?: unknown): number {
    return this.engine.setTimer(this.node, delayMs, name, payload);
  }
  cancelTimer(idOrName: number | string): void {
    this.engine.cancelTimer(this.node, idOrName);
  }
  reply(request: ClientRequest, output?: unknown): void {
    this.engine.clientDriver.answer(this.node, request, true, output, undefined);
  }
  fail(request: ClientRequest, error: string): void {
    this.engine.clientDriver.answer(this.node, request, false, undefined, String(error));
  }
}
