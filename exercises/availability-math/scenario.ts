/**
 * One server, a day compressed into ten seconds: a steady trickle of requests all the time, a rush of
 * clients at peak hour, and one short crash in the middle of the rush. Measured by the clock the server
 * was up most of the time; measured by requests, many callers were let down — the crash hit when most
 * of them were calling, and the rush itself made replies slow. The availability lesson uses it to show
 * that time-based uptime and request-based availability are different numbers.
 *
 * The server handles one request at a time (`serviceMs` each) from a queue, so under load replies queue
 * up and arrive late; a crash loses the queue.
 */
import { Simulation } from '../../src/sim/index.ts';
import type { ClientRequest, History, NodeBehaviour } from '../../src/sim/index.ts';
import { outagesFromTrace, type TimeWindow } from '../../src/scenarios/replica-outages.ts';

export const PEAK_LOAD_OUTAGE = Object.freeze({
  server: 'server',
  horizonMs: 10_000,
  steadyClients: 2,
  steadyThinkMs: 50,
  peakClients: 8,
  peakFromMs: 4_000,
  peakToMs: 6_000,
  peakThinkMs: 10,
  crashAtMs: 4_800,
  repairedAtMs: 5_100,
  serviceMs: 5,
  timeoutMs: 60,
  /** A reply later than this counts as a let-down in the request-based measure. */
  deadlineMs: 40,
});

export interface PeakLoadOutageRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  /** The server's outages as the trace recorded them. */
  readonly outages: readonly TimeWindow[];
  readonly horizonMs: number;
}

/** A single-threaded server: requests wait in a queue and are answered `serviceMs` apart. */
function queueingServer(serviceMs: number): () => NodeBehaviour {
  return () => {
    const queue: ClientRequest[] = [];
    return {
      onRequest(ctx, request) {
        queue.push(request);
        if (queue.length === 1) ctx.setTimer(serviceMs, 'served');
      },
      onTimer(ctx) {
        ctx.reply(queue.shift()!, 'ok');
        if (queue.length > 0) ctx.setTimer(serviceMs, 'served');
      },
    };
  };
}

export function peakLoadOutageRun(seed: number): PeakLoadOutageRun {
  const p = PEAK_LOAD_OUTAGE;
  const sim = new Simulation({ seed, trace: true });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 5 } });
  sim.addNode(p.server, queueingServer(p.serviceMs));
  sim.applyFaultPlan([
    { at: p.crashAtMs, kind: 'crash', node: p.server },
    { at: p.repairedAtMs, kind: 'restart', node: p.server },
  ]);
  const clients = [
    ...Array.from({ length: p.steadyClients }, (_, i) => ({ id: `steady${i + 1}`, fromMs: i * 17, toMs: p.horizonMs, thinkMs: p.steadyThinkMs })),
    ...Array.from({ length: p.peakClients }, (_, i) => ({ id: `peak${i + 1}`, fromMs: p.peakFromMs + i * 7, toMs: p.peakToMs, thinkMs: p.peakThinkMs })),
  ];
  for (const spec of clients) {
    const client = sim.addClient(spec.id, { timeoutMs: p.timeoutMs });
    client.closedLoop(() => (sim.now < spec.toMs ? { node: p.server, f: 'get' } : null), { startMs: spec.fromMs, thinkMs: spec.thinkMs });
  }
  // Clients stop invoking at the horizon; run one timeout past it so the last requests complete.
  sim.run({ untilMs: p.horizonMs + p.timeoutMs });
  const history = sim.history();
  const outages = outagesFromTrace(sim.trace.events(), [p.server], p.horizonMs)[p.server]!;
  return { seed, sim, history, outages, horizonMs: p.horizonMs };
}
