/**
 * Replicas that crash and get repaired on a seeded schedule, for the availability lesson: how often is
 * one replica up, how often is at least one of them up (replicas in parallel), how often are all of them
 * up (parts in series)? The schedule is a fault plan (crash / restart), each replica drawing its up and
 * down times from its own stream, so replicas fail independently — the assumption behind the
 * composition formulas. Availability is then *measured* from the crash and restart events the
 * simulation recorded, by sweeping the timeline, not computed from the plan.
 *
 * An optional probe client sends a request every `probeEveryMs`, to the first replica, and to the next one
 * after a request went unanswered (client-side fail-over), so a figure can show what callers saw.
 */
import { Simulation } from '../sim/index.ts';
import type { Fault, FaultPlan, NodeBehaviour, Rng, TraceEvent } from '../sim/index.ts';

/** A stretch of time [from, to) in virtual ms. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

export interface ReplicaOutageOptions {
  readonly replicas: readonly string[];
  /** Each up time is drawn uniformly from [meanUpMs / 2, 3 · meanUpMs / 2]. */
  readonly meanUpMs: number;
  /** Each repair time is drawn uniformly from [meanDownMs / 2, 3 · meanDownMs / 2]. */
  readonly meanDownMs: number;
  /** The run covers [0, horizonMs). */
  readonly horizonMs: number;
  /** Send a probe request this often (default: no probe client). */
  readonly probeEveryMs?: number;
}

export interface MeasuredUptime {
  /** Fraction of [0, horizon) each replica was up. */
  readonly replica: Readonly<Record<string, number>>;
  /** Fraction of the time at least one replica was up: the replicas as a parallel (redundant) service. */
  readonly anyUp: number;
  /** Fraction of the time every replica was up: the replicas as parts in series (each one needed). */
  readonly allUp: number;
}

export interface ReplicaOutageRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly horizonMs: number;
  /** Each replica's outages, as the trace recorded them, earliest first. */
  readonly outages: Readonly<Record<string, readonly TimeWindow[]>>;
  readonly uptime: MeasuredUptime;
}

const PROBE_TIMEOUT_MS = 40;

/** A uniform integer around `mean`: from half of it to one and a half times it, never below 1 ms. */
function around(rng: Rng, mean: number): number {
  return rng.int(Math.max(1, Math.round(mean / 2)), Math.max(1, Math.round((3 * mean) / 2)));
}

/** Alternating up and down times for every replica, each from its own stream `outages:<replica>`. */
export function outagePlan(rng: Rng, options: ReplicaOutageOptions): FaultPlan {
  const plan: Fault[] = [];
  for (const node of options.replicas) {
    const stream = rng.fork(`outages:${node}`);
    for (let t = around(stream, options.meanUpMs); t < options.horizonMs; ) {
      const repairedAt = t + around(stream, options.meanDownMs);
      plan.push({ at: t, kind: 'crash', node });
      if (repairedAt < options.horizonMs) plan.push({ at: repairedAt, kind: 'restart', node });
      t = repairedAt + around(stream, options.meanUpMs);
    }
  }
  // The simulation runs faults due at the same time in plan order; time order keeps the plan readable.
  return plan.sort((a, b) => a.at - b.at);
}

/** Each node's outages [crash, restart) read from trace events; one still open at `endMs` ends there. */
export function outagesFromTrace(events: readonly TraceEvent[], nodes: readonly string[], endMs: number): Record<string, TimeWindow[]> {
  const outages: Record<string, TimeWindow[]> = Object.fromEntries(nodes.map((node) => [node, []]));
  const downSince = new Map<string, number>();
  for (const event of events) {
    if (event.node === undefined || !(event.node in outages)) continue;
    if (event.kind === 'crash' && !downSince.has(event.node)) downSince.set(event.node, event.time);
    if (event.kind === 'restart' && downSince.has(event.node)) {
      outages[event.node]!.push({ from: downSince.get(event.node)!, to: event.time });
      downSince.delete(event.node);
    }
  }
  for (const [node, from] of downSince) if (from < endMs) outages[node]!.push({ from, to: endMs });
  return outages;
}

/** Sweeps the outage boundaries once, counting how long k replicas were down at once. */
export function measureUptime(outages: Readonly<Record<string, readonly TimeWindow[]>>, horizonMs: number): MeasuredUptime {
  const nodes = Object.keys(outages);
  const changes: [number, number][] = nodes.flatMap((node) => outages[node]!.flatMap((w): [number, number][] => [[w.from, +1], [w.to, -1]]));
  changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let down = 0;
  let last = 0;
  let someDownMs = 0;
  let allDownMs = 0;
  for (const [at, delta] of [...changes, [horizonMs, 0] as [number, number]]) {
    const clipped = Math.min(Math.max(at, 0), horizonMs);
    if (down > 0) someDownMs += clipped - last;
    if (down === nodes.length) allDownMs += clipped - last;
    last = clipped;
    down += delta;
  }
  const downMs = (windows: readonly TimeWindow[]) => windows.reduce((sum, w) => sum + Math.min(w.to, horizonMs) - Math.max(w.from, 0), 0);
  return {
    replica: Object.fromEntries(nodes.map((node) => [node, 1 - downMs(outages[node]!) / horizonMs])),
    anyUp: 1 - allDownMs / horizonMs,
    allUp: 1 - someDownMs / horizonMs,
  };
}

/** A replica that answers every request at once: its availability is only a matter of being up. */
const answerEverything: NodeBehaviour = { onRequest: (ctx, request) => ctx.reply(request, 'ok') };

export function replicaOutageRun(options: ReplicaOutageOptions, seed: number): ReplicaOutageRun {
  const sim = new Simulation({ seed, trace: true });
  for (const node of options.replicas) sim.addNode(node, answerEverything);
  sim.applyFaultPlan(outagePlan(sim.rng, options));
  if (options.probeEveryMs !== undefined) {
    const probe = sim.addClient('client', { timeoutMs: Math.min(PROBE_TIMEOUT_MS, options.probeEveryMs) });
    let target = 0;
    probe.closedLoop(
      (previous) => {
        if (previous !== undefined && previous.outcome !== 'ok') target = (target + 1) % options.replicas.length;
        if (sim.now + options.probeEveryMs! >= options.horizonMs) return null;
        return { node: options.replicas[target]!, f: 'get' };
      },
      // Think time makes the probe's period roughly constant whether a request was answered or timed out.
      { startMs: 0, thinkMs: options.probeEveryMs - Math.min(PROBE_TIMEOUT_MS, options.probeEveryMs) / 2 },
    );
  }
  sim.run({ untilMs: options.horizonMs });
  const outages = outagesFromTrace(sim.trace.events(), options.replicas, options.horizonMs);
  return { seed, sim, horizonMs: options.horizonMs, outages, uptime: measureUptime(outages, options.horizonMs) };
}
