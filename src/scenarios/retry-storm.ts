/**
 * The retry storm of lesson 05: every client sends a request while the server is down, gives up waiting
 * after a timeout, and retries after whatever delay its retry policy picks, until a reply arrives. The
 * server comes back at a fixed time; what matters is how the retries it then receives are spread over
 * time. Shared by the backoff exercise's hidden tests and the lesson's figure.
 */
import { Simulation } from '../sim/index.ts';
import type { NodeContext } from '../sim/index.ts';
import type { SeededRun } from '../testkit/scenario-seeds.ts';

/** How long to wait before retry number `attempt` (0 first), or null to give up. */
export type RetryPolicy = (attempt: number, rng: () => number) => number | null;

export const RETRY_STORM = Object.freeze({
  clients: 100,
  recoverAtMs: 1000,
  /** A client gives up waiting for a reply after this long, then asks its policy when to retry. */
  timeoutMs: 100,
  untilMs: 20_000,
  /** Arrivals are counted in slots of this length. */
  slotMs: 100,
  /** The backoff options the lesson uses throughout: 100 ms first window, 1.6 s cap, 10 retries. */
  backoff: Object.freeze({ baseMs: 100, capMs: 1600, maxAttempts: 10 }),
});

export interface RetryStormRun extends SeededRun {
  /** When each request reached the server after it recovered, in order. */
  readonly arrivals: readonly number[];
  /** How many different clients the recovered server answered, as the server saw them. */
  readonly servedClients: number;
}

export function retryStormRun(policy: RetryPolicy, seed: number): RetryStormRun {
  const sim = new Simulation({ seed, trace: true });
  const arrivals: number[] = [];
  const served = new Set<string>();
  sim.addNode('server', () => ({
    onMessage: (ctx, from) => {
      arrivals.push(ctx.now);
      served.add(from);
      ctx.send(from, 'ok');
    },
  }));
  sim.crash('server');
  sim.at(RETRY_STORM.recoverAtMs, 'server recovers', () => sim.restart('server'));
  for (let i = 0; i < RETRY_STORM.clients; i++) {
    sim.addNode(`c${i}`, () => {
      let attempt = 0;
      let answered = false;
      const send = (ctx: NodeContext): void => {
        ctx.send('server', 'request');
        ctx.setTimer(RETRY_STORM.timeoutMs, 'timeout');
      };
      return {
        onStart: send,
        onMessage: (ctx) => {
          answered = true;
          ctx.cancelTimer('timeout');
        },
        onTimer: (ctx, name) => {
          if (name === 'retry') return send(ctx);
          if (answered) return;
          const delay = policy(attempt++, ctx.rng.toFunction());
          if (delay !== null) ctx.setTimer(delay, 'retry');
        },
      };
    });
  }
  sim.run({ untilMs: RETRY_STORM.untilMs });
  return { seed, sim, arrivals, servedClients: served.size };
}

/** Requests per slot, every slot from the recovery to the last arrival (empty slots included), oldest first. */
export function requestsPerSlot(arrivals: readonly number[], slotMs: number = RETRY_STORM.slotMs): [slotStartMs: number, requests: number][] {
  const first = Math.floor(RETRY_STORM.recoverAtMs / slotMs);
  const last = arrivals.reduce((latest, time) => Math.max(latest, Math.floor(time / slotMs)), first);
  const counts = Array.from({ length: last - first + 1 }, () => 0);
  for (const time of arrivals) counts[Math.floor(time / slotMs) - first]! += 1;
  return counts.map((count, i) => [(first + i) * slotMs, count]);
}
