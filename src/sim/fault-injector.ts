/**
 * Faults and node lifecycle: crashes and restarts, pauses, clock skew, partitions, loss bursts and latency
 * spikes, whether called by a scenario (`sim.crash('B')`) or scheduled by a fault plan. Every fault is
 * recorded in the trace and the fingerprint as data, so a trace line and a plan line say the same thing.
 *
 * The hot path only reads what this module decides — `node.up`, `node.paused`, the partition matrix and
 * `engine.lossFloor` / `engine.extraLatencyMs` — so nothing here costs a message or a timer anything.
 */
import type { Fault } from './types.ts';
import type { Engine } from './engine.ts';
import { EV } from './event-kinds.ts';
import { instantiate, type NodeState } from './node-state.ts';
import { SimConfigError } from './errors.ts';
import { checkGroups, validateFaultPlan } from './faults.ts';
import type { SimEvent } from './queue.ts';
import { CARRIED, DROP, TK } from './trace.ts';

type Burst = Fault & { kind: 'loss-burst' | 'latency-spike' };

export class FaultInjector {
  private readonly engine: Engine;
  /** Active loss bursts and latency spikes (a run usually has none or one). */
  private readonly lossBursts: number[] = [];
  private readonly latencySpikes: number[] = [];

  constructor(engine: Engine) {
    this.engine = engine;
  }

  /** Schedules a fault plan: each fault becomes an event at its time, checked before any is scheduled. */
  applyFaultPlan(plan: readonly Fault[]): void {
    const engine = this.engine;
    validateFaultPlan(plan, engine.nodeIds, engine.names, engine.now);
    const ordered = [...plan].sort((a, b) => a.at - b.at);
    for (const fault of ordered) {
      const event = engine.event(fault.at, EV.fault, -1);
      event.payload = fault;
      engine.queue.push(event);
    }
  }

  /** A fault plan's event came due. */
  apply(fault: Fault): void {
    switch (fault.kind) {
      case 'crash': return this.crash(fault.node);
      case 'restart': return this.restart(fault.node);
      case 'pause': return this.pause(fault.node);
      case 'resume': return this.resume(fault.node);
      case 'clock-skew': return this.setClockSkew(fault.node, fault.skewMs);
      case 'partition': return this.partition(fault.groups);
      case 'partition-one-way': return this.partitionOneWay(fault.from, fault.to);
      case 'heal': return this.heal();
      case 'loss-burst':
      case 'latency-spike':
        return this.startBurst(fault);
    }
  }

  /** Fault records carry the fault as data, so a trace line and a plan line say the same thing. */
  private recordFault(kind: number, node: number, fault: Fault): void {
    const engine = this.engine;
    engine.cause = engine.record(kind, node, -1, 0, 0, 0, fault);
  }

  crash(id: string): void {
    const engine = this.engine;
    const node = engine.node(id, 'crash: node');
    if (!node.up) throw new SimConfigError('crash: node', id, `is already down (t=${engine.now}ms)`);
    this.recordFault(TK.crash, node.index, { at: engine.now, kind: 'crash', node: id });
    node.up = false;
    node.paused = false;
    node.behaviour = null;
    for (const timer of node.timers.values()) timer.cancelled = true;
    node.timers.clear();
    for (const event of node.backlog) {
      if (event.kind !== EV.timer && event.kind !== EV.start) {
        engine.dropOnArrival(event, DROP.down, event.kind === EV.request ? CARRIED.request : CARRIED.message);
      }
    }
    node.backlog = [];
  }

  restart(id: string): void {
    const engine = this.engine;
    const node = engine.node(id, 'restart: node');
    if (node.up) throw new SimConfigError('restart: node', id, `is not down (t=${engine.now}ms); crash it first`);
    node.incarnation++;
    node.up = true;
    node.behaviour = instantiate(node.program, node.id);
    const event = (engine.cause = engine.record(TK.restart, node.index, -1, 0, 0, node.incarnation, node.incarnation));
    engine.runOnStart(node);
    engine.keepState(event, node);
  }

  pause(id: string): void {
    const engine = this.engine;
    const node = engine.node(id, 'pause: node');
    if (!node.up || node.paused) throw new SimConfigError('pause: node', id, `must be up and running (t=${engine.now}ms)`);
    this.recordFault(TK.pause, node.index, { at: engine.now, kind: 'pause', node: id });
    node.paused = true;
  }

  resume(id: string): void {
    const engine = this.engine;
    const node: NodeState = engine.node(id, 'resume: node');
    if (!node.paused) throw new SimConfigError('resume: node', id, `is not paused (t=${engine.now}ms)`);
    this.recordFault(TK.resume, node.index, { at: engine.now, kind: 'resume', node: id });
    node.paused = false;
    // Everything that came due while paused runs now, in the order it came due.
    for (const event of node.backlog) {
      event.time = engine.now;
      event.retained = false;
      engine.queue.push(event);
    }
    node.backlog = [];
  }

  setClockSkew(id: string, skewMs: number): void {
    const engine = this.engine;
    const node = engine.node(id, 'setClockSkew: node');
    if (!Number.isSafeInteger(skewMs)) throw new SimConfigError(`setClockSkew(${id}): skewMs`, skewMs, 'must be an integer (ms)');
    this.recordFault(TK.clockSkew, node.index, { at: engine.now, kind: 'clock-skew', node: id, skewMs });
    node.skewMs = skewMs;
  }

  partition(groups: readonly (readonly string[])[]): void {
    const engine = this.engine;
    checkGroups('partition: groups', groups, engine.indexById);
    const indexes = groups.map((ids) => ids.map((id) => engine.indexById.get(id) as number));
    indexes.forEach((group, g) => {
      indexes.forEach((other, o) => {
        if (g === o) return;
        for (const from of group) for (const to of other) engine.partitions.block(from, to);
      });
    });
    this.recordFault(TK.partition, -1, { at: engine.now, kind: 'partition', groups: groups.map((ids) => [...ids]) });
  }

  partitionOneWay(from: readonly string[], to: readonly string[]): void {
    const engine = this.engine;
    checkGroups('partitionOneWay: from', [from], engine.indexById);
    checkGroups('partitionOneWay: to', [to], engine.indexById);
    for (const a of from) for (const b of to) engine.partitions.block(engine.indexById.get(a) as number, engine.indexById.get(b) as number);
    this.recordFault(TK.partitionOneWay, -1, { at: engine.now, kind: 'partition-one-way', from: [...from], to: [...to] });
  }

  heal(): void {
    this.engine.partitions.clear();
    this.recordFault(TK.heal, -1, { at: this.engine.now, kind: 'heal' });
  }

  isBlocked(from: string, to: string): boolean {
    const engine = this.engine;
    return engine.partitions.isBlocked(engine.endpoint(from, 'isBlocked: from'), engine.endpoint(to, 'isBlocked: to'));
  }

  private startBurst(fault: Burst): void {
    const engine = this.engine;
    if (fault.kind === 'loss-burst') {
      this.lossBursts.push(fault.rate);
    } else {
      this.latencySpikes.push(fault.extraMs);
    }
    this.recordFault(fault.kind === 'loss-burst' ? TK.lossBurst : TK.latencySpike, -1, fault);
    this.refreshBursts();
    const end = engine.event(engine.now + fault.durationMs, EV.burstEnd, -1);
    end.payload = fault;
    engine.queue.push(end);
  }

  /** A burst's end event came due. */
  endBurst(event: SimEvent): void {
    const fault = event.payload as Burst;
    const list = fault.kind === 'loss-burst' ? this.lossBursts : this.latencySpikes;
    list.splice(list.indexOf(fault.kind === 'loss-burst' ? fault.rate : fault.extraMs), 1);
    this.refreshBursts();
  }

  /** Overlapping bursts: the worst loss rate applies; latency spikes add up. */
  private refreshBursts(): void {
    this.engine.lossFloor = this.lossBursts.reduce((max, rate) => Math.max(max, rate), 0);
    this.engine.extraLatencyMs = this.latencySpikes.reduce((sum, ms) => sum + ms, 0);
  }
}
