/**
 * The simulation benchmark: how many events per second the core processes on a standard scenario, with
 * tracing off and on, beside a bare binary-heap push/pop loop (and the simulator's own queue) measured in
 * the same process, plus the peak memory of one traced run measured in a child process (so earlier runs
 * do not inflate it).
 *
 * Standard scenario: 5 nodes gossiping rumours (each delivery forwards a fresh rumour object to a random
 * peer), exponential latency (mean 10 ms, min 1 ms), 1% loss, reordering links, and a heartbeat to every
 * peer every 100 ms that also injects new rumours — about one million events.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Simulation, type NodeBehaviour } from '../src/sim/index.ts';
import { EventQueue, SimEvent } from '../src/sim/queue.ts';
import { median } from './stats.ts';

export interface SimBenchResult {
  /** Events per second with tracing off (median over runs). */
  readonly eventsPerSecond: number;
  /** Events per second with tracing on (median over runs). */
  readonly eventsPerSecondTraced: number;
  /**
   * The same two figures per second of CPU time the process used (user + system, GC threads included):
   * steadier than wall time when other work shares the machine's two cores.
   */
  readonly eventsPerCpuSecond: number;
  readonly eventsPerCpuSecondTraced: number;
  /** pop+push pairs per second on a bare binary heap, same event count (median over runs). */
  readonly heapBaselineOpsPerSecond: number;
  /** The same loop on the simulator's own queue (a timing wheel over a heap). */
  readonly queueOpsPerSecond: number;
  /** Events processed per run (the scenario stops at the first whole second past the target). */
  readonly events: number;
  readonly runs: number;
  /** Peak resident set size of a child process that does one traced run, in MB (includes Node itself, ~45 MB). */
  readonly tracedPeakRssMb: number;
  /** JS heap in use at the end of that traced run, trace still alive, in MB. */
  readonly tracedHeapUsedMb: number;
  /** The machine's 1-minute load average when the bench started: above ~1.5 on 2 cores, wall-time figures suffer. */
  readonly loadAverageAtStart: number;
  /** Same seed, same run: the fingerprint of every run must match. */
  readonly fingerprint: string;
}

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const SEED = 2024;

interface Rumour {
  readonly type: 'rumour' | 'heartbeat';
  readonly id: number;
  readonly hops: number;
}

function gossipNode(): NodeBehaviour<Rumour> {
  let nextId = 0;
  let heard = 0;
  return {
    onStart(ctx) {
      for (let i = 0; i < 50; i++) ctx.send(ctx.rng.pick(ctx.peers), { type: 'rumour', id: nextId++, hops: 0 });
      ctx.setTimer(100, 'heartbeat');
    },
    onTimer(ctx) {
      const beat: Rumour = { type: 'heartbeat', id: nextId++, hops: 0 };
      for (const peer of ctx.peers) ctx.send(peer, beat);
      for (let i = 0; i < 5; i++) ctx.send(ctx.rng.pick(ctx.peers), { type: 'rumour', id: nextId++, hops: 0 });
      ctx.setTimer(100, 'heartbeat');
    },
    onMessage(ctx, _from, message) {
      heard++;
      if (message.type === 'rumour') ctx.send(ctx.rng.pick(ctx.peers), { type: 'rumour', id: message.id, hops: message.hops + 1 });
    },
    onRequest(ctx, request) {
      ctx.reply(request, heard);
    },
  };
}

/** Runs the standard scenario until at least `targetEvents` events; returns the simulation. */
export function runScenario(targetEvents: number, trace: boolean): Simulation {
  const sim = new Simulation({ seed: SEED, trace, maxEvents: targetEvents * 2, maxTimeMs: 10_000_000 });
  sim.network.setDefault({ latency: { kind: 'exponential', meanMs: 10, minMs: 1 }, loss: 0.01, order: 'reorder' });
  for (const id of NODES) sim.addNode(id, gossipNode);
  while (sim.stats.eventsProcessed < targetEvents) sim.run({ untilMs: sim.now + 1000 });
  return sim;
}

interface Timing {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly events: number;
  readonly fingerprint: string;
}

function timeScenario(targetEvents: number, trace: boolean): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const sim = runScenario(targetEvents, trace);
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, events: sim.stats.eventsProcessed, fingerprint: sim.fingerprint() };
}

/** The baseline the brief asks for: a bare binary min-heap on (time, seq), objects in one array. */
class BareHeap {
  private readonly heap: SimEvent[] = [];
  private nextSeq = 0;

  push(event: SimEvent): void {
    event.seq = this.nextSeq++;
    const heap = this.heap;
    let index = heap.length;
    heap.push(event);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as SimEvent;
      if (parent.time < event.time || (parent.time === event.time && parent.seq < event.seq)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
  }

  pop(): SimEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    const length = heap.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      const right = child + 1;
      if (right < length) {
        const a = heap[child] as SimEvent;
        const b = heap[right] as SimEvent;
        if (b.time < a.time || (b.time === a.time && b.seq < a.seq)) child = right;
      }
      const smallest = heap[child] as SimEvent;
      if (last.time < smallest.time || (last.time === smallest.time && last.seq < smallest.seq)) break;
      heap[index] = smallest;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

/**
 * Keeps ~250 events pending (as many as the scenario has in flight) and does `count` pop/push pairs,
 * each new event a few ms after the one just popped. The same loop runs on the bare heap (the floor the
 * brief names) and on the simulator's own queue (what the engine actually pays).
 */
function timeQueue(queue: { push(event: SimEvent): void; pop(): SimEvent | undefined }, count: number): number {
  let x = 12345;
  const nextDelay = (): number => {
    // xorshift: cheap deterministic delays, exponential-ish enough for a queue.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % 40;
  };
  for (let i = 0; i < 250; i++) {
    const event = new SimEvent();
    event.time = nextDelay();
    queue.push(event);
  }
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const top = queue.pop() as SimEvent;
    const event = new SimEvent();
    event.time = top.time + 1 + nextDelay();
    queue.push(event);
  }
  return count / ((performance.now() - start) / 1000);
}

/** One traced run in a fresh process: its peak RSS and live heap, in MB. */
function measureTracedMemory(targetEvents: number): { peakRssMb: number; heapUsedMb: number } {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--traced-memory', String(targetEvents)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`traced memory run failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { peakRssMb: number; heapUsedMb: number };
}

export function benchSim(options: { readonly events?: number; readonly runs?: number } = {}): SimBenchResult {
  const loadAverageAtStart = Math.round((loadavg()[0] as number) * 100) / 100;
  const target = options.events ?? 1_000_000;
  const runs = options.runs ?? 5;
  // Warm up the JIT on a smaller run of each kind first.
  timeScenario(target / 10, false);
  timeScenario(target / 10, true);
  timeQueue(new BareHeap(), target / 10);
  timeQueue(new EventQueue(), target / 10);
  const untraced: number[] = [];
  const traced: number[] = [];
  const untracedCpu: number[] = [];
  const tracedCpu: number[] = [];
  const heap: number[] = [];
  const queue: number[] = [];
  const fingerprints = new Set<string>();
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const off = timeScenario(target, false);
    const on = timeScenario(target, true);
    untraced.push(off.events / off.seconds);
    traced.push(on.events / on.seconds);
    untracedCpu.push(off.events / off.cpuSeconds);
    tracedCpu.push(on.events / on.cpuSeconds);
    heap.push(timeQueue(new BareHeap(), off.events));
    queue.push(timeQueue(new EventQueue(), off.events));
    fingerprints.add(off.fingerprint).add(on.fingerprint);
    events = off.events;
  }
  if (fingerprints.size !== 1) throw new Error(`the same seed gave different fingerprints: ${[...fingerprints].join(', ')}`);
  const memory = measureTracedMemory(target);
  return {
    eventsPerSecond: Math.round(median(untraced)),
    eventsPerSecondTraced: Math.round(median(traced)),
    eventsPerCpuSecond: Math.round(median(untracedCpu)),
    eventsPerCpuSecondTraced: Math.round(median(tracedCpu)),
    heapBaselineOpsPerSecond: Math.round(median(heap)),
    queueOpsPerSecond: Math.round(median(queue)),
    events,
    runs,
    tracedPeakRssMb: memory.peakRssMb,
    tracedHeapUsedMb: memory.heapUsedMb,
    loadAverageAtStart,
    fingerprint: [...fingerprints][0] as string,
  };
}

if (process.argv[2] === '--traced-memory') {
  const sim = runScenario(Number(process.argv[3]), true);
  const toMb = (bytes: number): number => Math.round(bytes / 1024 / 102.4) / 10;
  // maxRSS is in kilobytes; keep `sim` alive until after the reading so the trace is counted.
  const peakRssMb = toMb(process.resourceUsage().maxRSS * 1024);
  const heapUsedMb = toMb(process.memoryUsage().heapUsed);
  process.stdout.write(JSON.stringify({ peakRssMb, heapUsedMb, traceEvents: sim.trace.size }));
}
