/**
 * `Simulation`: the object scenarios, hidden tests and figures drive. A thin facade over the engine so
 * the public surface stays small; see README.md for the rules it keeps.
 */
import type { Operation } from './history.ts';
import type { Fault, NodeBehaviour, NodeProgram, SimStats, SimulationOptions } from './types.ts';
import type { Disk } from './disk.ts';
import type { Client } from './client.ts';
import type { Network } from './network.ts';
import type { Rng } from './rng.ts';
import type { Trace } from './trace.ts';
import { Engine } from './engine.ts';

export interface NodeInspection<B = NodeBehaviour> {
  readonly id: string;
  readonly up: boolean;
  readonly paused: boolean;
  readonly incarnation: number;
  readonly skewMs: number;
  readonly disk: Disk;
  readonly behaviour: B | null;
}

export interface RunOptions {
  /** Process every event up to and including this time, then set `now` to it. Without it: until the queue is empty. */
  readonly untilMs?: number;
}

export class Simulation {
  private readonly engine: Engine;

  constructor(options: SimulationOptions) {
    this.engine = new Engine(options);
  }

  /** True virtual time in milliseconds. */
  get now(): number {
    return this.engine.now;
  }

  /** Link settings: `setDefault`, `setLink`, `link`. */
  get network(): Network {
    return this.engine.network;
  }

  /** The root random stream; fork named streams from it for anything you randomise. */
  get rng(): Rng {
    return this.engine.rng;
  }

  get trace(): Trace {
    return this.engine.trace;
  }

  get stats(): SimStats {
    return this.engine.stats();
  }

  /** Node ids in the order they were added. */
  get nodes(): readonly string[] {
    return this.engine.nodeIds;
  }

  addNode(id: string, program: NodeProgram): void {
    this.engine.addNode(id, program);
  }

  addClient(id: string, options: { readonly timeoutMs: number }): Client {
    return this.engine.clientDriver.addClient(id, options?.timeoutMs);
  }

  /** Endpoints in different groups stop talking (both ways); partitions add up until `heal()`. */
  partition(groups: readonly (readonly string[])[]): void {
    this.engine.faults.partition(groups);
  }

  /** Messages from `from` to `to` are dropped; the reverse direction still works. */
  partitionOneWay(from: string | readonly string[], to: string | readonly string[]): void {
    this.engine.faults.partitionOneWay(typeof from === 'string' ? [from] : from, typeof to === 'string' ? [to] : to);
  }

  heal(): void {
    this.engine.faults.heal();
  }

  isBlocked(from: string, to: string): boolean {
    return this.engine.faults.isBlocked(from, to);
  }

  /** Whether a node is up (started or restarted, not crashed). */
  isUp(id: string): boolean {
    return this.engine.node(id, 'isUp: node').up;
  }

  /**
   * A node as checkers see it from outside: its lifecycle state, its disk and its current behaviour
   * object (null while crashed), so a test can read a replica's state without sending it a message.
   */
  inspect<B = NodeBehaviour>(id: string): NodeInspection<B> {
    const node = this.engine.node(id, 'inspect: node');
    return Object.freeze({
      id,
      up: node.up,
      paused: node.paused,
      incarnation: node.incarnation,
      skewMs: node.skewMs,
      disk: node.disk,
      behaviour: node.behaviour as B | null,
    });
  }

  crash(id: string): void {
    this.engine.faults.crash(id);
  }

  restart(id: string): void {
    this.engine.faults.restart(id);
  }

  pause(id: string): void {
    this.engine.faults.pause(id);
  }

  resume(id: string): void {
    this.engine.faults.resume(id);
  }

  setClockSkew(id: string, skewMs: number): void {
    this.engine.faults.setClockSkew(id, skewMs);
  }

  /** Runs `action` at a virtual time, as a traced event. The hook for scripted scenarios and checks. */
  at(timeMs: number, label: string, action: () => void): void {
    this.engine.at(timeMs, label, action);
  }

  applyFaultPlan(plan: readonly Fault[]): void {
    this.engine.faults.applyFaultPlan(plan);
  }

  run(options: RunOptions = {}): void {
    this.engine.run(options.untilMs);
  }

  /** Processes one event; false when nothing is left. */
  step(): boolean {
    return this.engine.step();
  }

  history(): Operation[] {
    return this.engine.clientDriver.history();
  }

  /** 16 hex digits over every event so far; equal seeds give equal fingerprints. */
  fingerprint(): string {
    return this.engine.fingerprint();
  }
}
