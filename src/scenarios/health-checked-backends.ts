/**
 * A load balancer in front of three backends, with active health checks. Every `intervalMs` the balancer
 * pings every backend; a backend that has not answered within `timeoutMs` failed that check. The balancer's
 * routing policy is plugged in (a learner's `HealthCheckedBalancer`, or the health-checked-rr solution's for
 * figures): the balancer reports each check's result to it and asks it where each request goes.
 *
 * One backend crashes and later restarts. Requests the balancer forwards to it while it is down are lost,
 * and their users wait until they give up: that is the cost of the time it takes to notice a crash.
 */
import { Simulation } from '../sim/index.ts';
import type { ClientRequest, History, NodeBehaviour } from '../sim/index.ts';
import { startOpenLoop } from './open-loop.ts';

/** What the balancer needs from a routing policy. */
export interface BalancerLike {
  /** The backend for the next request, or null when none is healthy. */
  pick(): string | null;
  /** The result of one health check of `backend`. */
  report(backend: string, ok: boolean): void;
}

export interface HealthRules {
  /** Consecutive failed checks that take a backend out of rotation. */
  readonly failAfter: number;
  /** Consecutive passed checks that bring it back. */
  readonly passAfter: number;
}

/** Builds the balancer's policy; it is handed its own copies of the backend list and the rules. */
export type MakeBalancer = (backends: string[], rules: HealthRules) => BalancerLike;

export const BALANCER = 'lb';
export const BACKENDS: readonly string[] = Object.freeze(['b1', 'b2', 'b3']);

export interface HealthCheckedOptions {
  readonly makeBalancer: MakeBalancer;
  readonly rules: HealthRules;
  /** Time between two rounds of health checks (the first at `intervalMs`). */
  readonly intervalMs: number;
  /** A check with no answer after this long has failed. Less than `intervalMs`. */
  readonly timeoutMs: number;
  /** Random requests per second to the balancer, until `stopMs`. */
  readonly ratePerSec: number;
  readonly stopMs: number;
  /** Which backend crashes, when, and when it restarts (absent: no crash). */
  readonly outage?: { readonly backend: string; readonly crashAtMs: number; readonly restartAtMs: number };
  /** Time a backend needs for one request. */
  readonly workMs: number;
  /** How long a user waits for an answer. */
  readonly userTimeoutMs: number;
}

/** One request the balancer forwarded (or refused, backend null). */
export interface Routed {
  readonly at: number;
  readonly op: number;
  readonly backend: string | null;
}

/** One health check result the balancer reported. */
export interface CheckReport {
  readonly at: number;
  readonly backend: string;
  readonly ok: boolean;
}

export interface HealthCheckedRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  readonly routed: readonly Routed[];
  readonly checks: readonly CheckReport[];
  readonly options: HealthCheckedOptions;
}

type LbMessage =
  | { readonly type: 'ping'; readonly round: number }
  | { readonly type: 'pong'; readonly round: number }
  | { readonly type: 'work'; readonly op: number }
  | { readonly type: 'done'; readonly op: number };

function describeLbMessage(message: unknown): string {
  const m = message as LbMessage;
  return m.type === 'ping' || m.type === 'pong' ? `${m.type} round ${m.round}` : `${m.type} op ${m.op}`;
}

function backend(workMs: number): () => NodeBehaviour<LbMessage> {
  return () => ({
    onMessage: (ctx, from, message) => {
      if (message.type === 'ping') ctx.send(from, { type: 'pong', round: message.round });
      if (message.type === 'work') ctx.setTimer(workMs, 'done', { to: from, op: message.op });
    },
    onTimer: (ctx, _name, payload) => {
      const { to, op } = payload as { to: string; op: number };
      ctx.send(to, { type: 'done', op });
    },
  });
}

export function runHealthChecked(options: HealthCheckedOptions, seed: number): HealthCheckedRun {
  const sim = new Simulation({ seed, trace: true, describeMessage: describeLbMessage, maxEvents: 2_000_000 });
  sim.network.setDefault({ latency: { kind: 'uniform', minMs: 1, maxMs: 3 } });
  const routed: Routed[] = [];
  const checks: CheckReport[] = [];

  sim.addNode(BALANCER, (): NodeBehaviour<LbMessage> => {
    // The balancer gets copies: the scenario goes on using the list and the rules.
    const balancer = options.makeBalancer([...BACKENDS], { ...options.rules });
    const waiting = new Map<number, ClientRequest>();
    let round = 0;
    let answered = new Set<string>();
    return {
      onStart: (ctx) => void ctx.setTimer(options.intervalMs, 'check'),
      onTimer: (ctx, name) => {
        if (name === 'check') {
          round += 1;
          answered = new Set();
          for (const id of BACKENDS) ctx.send(id, { type: 'ping', round });
          ctx.setTimer(options.timeoutMs, 'verdict');
          ctx.setTimer(options.intervalMs, 'check');
          return;
        }
        for (const id of BACKENDS) {
          const ok = answered.has(id);
          checks.push({ at: ctx.now, backend: id, ok });
          balancer.report(id, ok);
        }
      },
      onRequest: (ctx, request) => {
        const chosen = balancer.pick();
        routed.push({ at: ctx.now, op: request.id, backend: chosen });
        if (chosen === null) {
          ctx.fail(request, 'no healthy backend');
          return;
        }
        waiting.set(request.id, request);
        ctx.send(chosen, { type: 'work', op: request.id });
      },
      onMessage: (ctx, from, message) => {
        if (message.type === 'pong' && message.round === round) answered.add(from);
        if (message.type !== 'done') return;
        const request = waiting.get(message.op);
        if (request === undefined) return;
        waiting.delete(message.op);
        ctx.reply(request, from);
      },
    };
  });
  for (const id of BACKENDS) sim.addNode(id, backend(options.workMs));
  if (options.outage !== undefined) {
    const { backend: id, crashAtMs, restartAtMs } = options.outage;
    sim.applyFaultPlan([
      { at: crashAtMs, kind: 'crash', node: id },
      { at: restartAtMs, kind: 'restart', node: id },
    ]);
  }
  startOpenLoop(sim, { ratePerSec: options.ratePerSec, stopMs: options.stopMs, node: BALANCER, f: 'get', timeoutMs: options.userTimeoutMs });
  sim.run({ untilMs: options.stopMs + options.userTimeoutMs + options.intervalMs });
  return { seed, sim, history: sim.history(), routed, checks, options };
}

/** The latest time the balancer may still route to a backend that crashed at `crashAtMs`. */
export function detectionDeadline(options: Pick<HealthCheckedOptions, 'rules' | 'intervalMs' | 'timeoutMs'>, crashAtMs: number): number {
  // The first check the crash can fail starts within intervalMs; failAfter of them end failAfter − 1
  // intervals later, timeoutMs after they started.
  return crashAtMs + options.rules.failAfter * options.intervalMs + options.timeoutMs;
}

/** Requests routed to each backend in consecutive windows of `windowMs`, for plotting. */
export function routedPerWindow(run: HealthCheckedRun, windowMs: number): Map<string, [number, number][]> {
  // Requests reach the balancer a few ms after they are sent, so the last window may end after stopMs.
  const lastAt = run.routed.reduce((latest, { at }) => Math.max(latest, at), run.options.stopMs - 1);
  const windows = Math.floor(lastAt / windowMs) + 1;
  const counts = new Map(BACKENDS.map((id) => [id, Array.from({ length: windows }, () => 0)]));
  for (const { at, backend: id } of run.routed) if (id !== null) counts.get(id)![Math.floor(at / windowMs)]! += 1;
  return new Map([...counts].map(([id, perWindow]) => [id, perWindow.map((count, i) => [i * windowMs, count] as [number, number])]));
}

/** Requests sent to the crashed backend while it was down: their users got no answer. */
export function lostToOutage(run: HealthCheckedRun): number {
  const outage = run.options.outage;
  if (outage === undefined) return 0;
  return run.routed.filter(({ at, backend: id }) => id === outage.backend && at >= outage.crashAtMs && at < outage.restartAtMs).length;
}
