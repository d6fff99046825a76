/**
 * Example scenario (and living documentation): two nodes watch each other with heartbeats while a
 * partition separates them for a while.
 *
 * Each node sends a heartbeat every `intervalMs` and checks every `intervalMs` whether it heard from its
 * peer within `suspectAfterMs`. A partition from `partitionAtMs` to `healAtMs` silences both directions,
 * so both nodes suspect each other — although neither crashed. That is the lesson: a missed heartbeat
 * may be a partition, not a crash. After the heal, heartbeats arrive again and both trust each other.
 *
 *   const { verdicts, lines } = runHeartbeats({ seed: 7 });
 *   // verdicts: [{ at: 1300, node: 'A', peer: 'B', verdict: 'suspect' }, …, { at: 2100, …, verdict: 'trust' }]
 */
import type { NodeBehaviour } from '../types.ts';
import { Simulation } from '../simulation.ts';
import { formatTraceLines } from '../format.ts';

export interface HeartbeatOptions {
  readonly seed: number;
  readonly intervalMs?: number;
  readonly suspectAfterMs?: number;
  readonly partitionAtMs?: number;
  readonly healAtMs?: number;
  /** How long to run after the heal (the settle window). */
  readonly settleMs?: number;
}

/** A change of mind by one node about its peer, as the scenario observes it. */
export interface Verdict {
  readonly at: number;
  readonly node: string;
  readonly peer: string;
  readonly verdict: 'suspect' | 'trust';
}

interface Heartbeat {
  readonly type: 'heartbeat';
  readonly seq: number;
}

export function runHeartbeats(options: HeartbeatOptions): { sim: Simulation; verdicts: Verdict[]; lines: string[] } {
  const intervalMs = options.intervalMs ?? 100;
  const suspectAfterMs = options.suspectAfterMs ?? 300;
  const partitionAtMs = options.partitionAtMs ?? 1000;
  const healAtMs = options.healAtMs ?? 2000;
  const settleMs = options.settleMs ?? 1000;

  const sim = new Simulation({ seed: options.seed, trace: true });
  // Latency varies between 5 and 20 ms per message; 1% of heartbeats are lost even without a partition.
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 5, maxMs: 20 }, loss: 0.01 });

  // The scenario watches verdicts from outside; nodes only report them.
  const verdicts: Verdict[] = [];

  // A factory: called at start (and at every restart), so `lastHeard` and `suspected` are volatile state.
  const watcher = (): NodeBehaviour<Heartbeat> => {
    let lastHeard = 0;
    let suspected = false;
    let seq = 0;
    return {
      onStart(ctx) {
        lastHeard = ctx.now;
        ctx.setTimer(intervalMs, 'tick');
      },
      onMessage(ctx, from, message) {
        if (message.type !== 'heartbeat') return;
        lastHeard = ctx.now;
        if (suspected) {
          suspected = false;
          verdicts.push({ at: ctx.now, node: ctx.id, peer: from, verdict: 'trust' });
        }
      },
      onTimer(ctx) {
        const peer = ctx.peers[0] as string;
        ctx.send(peer, { type: 'heartbeat', seq: ++seq });
        if (!suspected && ctx.now - lastHeard > suspectAfterMs) {
          suspected = true;
          verdicts.push({ at: ctx.now, node: ctx.id, peer, verdict: 'suspect' });
        }
        ctx.setTimer(intervalMs, 'tick');
      },
    };
  };

  sim.addNode('A', watcher);
  sim.addNode('B', watcher);
  sim.applyFaultPlan([
    { at: partitionAtMs, kind: 'partition', groups: [['A'], ['B']] },
    { at: healAtMs, kind: 'heal' },
  ]);
  sim.run({ untilMs: healAtMs + settleMs });

  // Show the partition, the first dropped heartbeats, and the suspicions (the story a failing test tells).
  const events = sim.trace.events().filter((event) => event.kind !== 'timer' && event.kind !== 'deliver');
  return { sim, verdicts, lines: formatTraceLines(events) };
}
