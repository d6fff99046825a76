import { defineTests, test, expect, PropertyViolation, runTwice } from '../../src/testkit/index.ts';
import type { SeededRun } from '../../src/testkit/index.ts';
import { Simulation } from '../../src/sim/index.ts';
import type { NodeContext } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;

/** An rng that always returns `value` and counts how often it was asked. */
function fixedRng(value: number): { rng: () => number; calls: () => number } {
  let calls = 0;
  return {
    rng: () => {
      calls += 1;
      return value;
    },
    calls: () => calls,
  };
}

/** A backend that answers from a script (true = success) and counts the calls it received. */
function scriptedBackend(script: readonly boolean[]): { request: () => boolean; calls: () => number } {
  let calls = 0;
  return {
    request: () => script[calls++] ?? false,
    calls: () => calls,
  };
}

/**
 * The retry storm: every client sends at t=0 while the server is down, gives up waiting after
 * `timeoutMs`, and retries after `backoffDelay(attempt, …)` until a reply arrives. The server comes back at
 * `recoverAtMs`; what matters is how the retries it then receives are spread.
 */
const storm = {
  clients: 100,
  recoverAtMs: 1000,
  timeoutMs: 100,
  untilMs: 20_000,
  slotMs: 100,
  /** At most this many requests may reach the recovered server in one slot. */
  maxPerSlot: 30,
  options: { baseMs: 100, capMs: 1600, maxAttempts: 10 },
  seeds: [1, 2, 3],
};

interface StormRun extends SeededRun {
  /** When each request reached the server, after it recovered. */
  readonly arrivals: readonly number[];
}

function retryStorm(learner: Learner, seed: number): StormRun {
  const sim = new Simulation({ seed, trace: true });
  const arrivals: number[] = [];
  sim.addNode('server', () => ({
    onMessage: (ctx, from) => {
      arrivals.push(ctx.now);
      ctx.send(from, 'ok');
    },
  }));
  sim.crash('server');
  sim.at(storm.recoverAtMs, 'server recovers', () => sim.restart('server'));
  for (let i = 0; i < storm.clients; i++) {
    sim.addNode(`c${i}`, () => {
      let attempt = 0;
      let answered = false;
      const send = (ctx: NodeContext): void => {
        ctx.send('server', 'request');
        ctx.setTimer(storm.timeoutMs, 'timeout');
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
          const delay = learner.backoffDelay(attempt++, ctx.rng.toFunction(), storm.options);
          if (delay !== null) ctx.setTimer(delay, 'retry');
        },
      };
    });
  }
  sim.run({ untilMs: storm.untilMs });
  return { seed, sim, arrivals };
}

function checkStorm(run: StormRun): void {
  const perSlot = new Map<number, number>();
  for (const time of run.arrivals) {
    const slot = Math.floor(time / storm.slotMs) * storm.slotMs;
    perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  }
  const crowded = [...perSlot].filter(([, count]) => count > storm.maxPerSlot).sort(([a], [b]) => a - b);
  if (crowded.length === 0) return;
  throw new PropertyViolation({
    property: `After the server recovers, no ${storm.slotMs} ms slot receives more than ${storm.maxPerSlot} of the ${storm.clients} clients' requests.`,
    seed: run.seed,
    trace: [
      `t=0ms  the server is down; ${storm.clients} clients send a request and time out after ${storm.timeoutMs} ms`,
      `t=${storm.recoverAtMs}ms  the server recovers`,
      ...crowded.map(([slot, count]) => `t=${slot}–${slot + storm.slotMs - 1}ms  ${count} requests reach the server`),
    ],
  });
}

export default defineTests<Learner>((learner) => {
  test('draws each delay from the full-jitter window', () => {
    const options = { baseMs: 100, capMs: 10_000, maxAttempts: 8 };
    const expected: Record<number, number[]> = {
      0: [0, 0, 0, 0, 0, 0],
      0.3: [30, 60, 120, 240, 480, 960],
      0.5: [50, 100, 200, 400, 800, 1600],
      0.999: [99, 199, 399, 799, 1598, 3196],
    };
    for (const [value, delays] of Object.entries(expected)) {
      const { rng, calls } = fixedRng(Number(value));
      const actual = delays.map((_, attempt) => learner.backoffDelay(attempt, rng, options));
      expect(actual, `delays for attempts 0–5 when rng() returns ${value}`).toEqual(delays);
      expect(calls(), 'rng() must be called exactly once per delay').toBe(delays.length);
    }
  });

  test('never waits capMs or longer', () => {
    const options = { baseMs: 100, capMs: 1000, maxAttempts: 12 };
    const { rng } = fixedRng(1 - 2 ** -53);
    const late = [4, 5, 8, 11].map((attempt) => learner.backoffDelay(attempt, rng, options));
    expect(late, 'delays for attempts 4, 5, 8 and 11 when rng() is just below 1').toEqual([999, 999, 999, 999]);
  });

  test('gives up with null once attempt reaches maxAttempts', () => {
    const options = { baseMs: 100, capMs: 10_000, maxAttempts: 3 };
    const { rng, calls } = fixedRng(0.5);
    expect(learner.backoffDelay(2, rng, options), 'attempt 2 of 3').toBe(200);
    expect(learner.backoffDelay(3, rng, options), 'attempt 3 with maxAttempts = 3').toBe(null);
    expect(learner.backoffDelay(7, rng, options), 'attempt 7 with maxAttempts = 3').toBe(null);
    expect(calls(), 'rng() is not needed once the client gives up').toBe(1);
  });

  test('spreads a retry storm after an outage', () => {
    for (const seed of storm.seeds) checkStorm(runTwice(seed, (stormSeed) => retryStorm(learner, stormSeed)));
  });

  test('opens after consecutive failures and calls nothing while open', () => {
    const breaker = new learner.CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000 });
    const backend = scriptedBackend([false, false, true, false, false, false]);
    const outcomes = [0, 10, 20, 30, 40, 50].map((now) => breaker.call(now, backend.request));
    expect(outcomes, 'a success resets the count; the third failure in a row opens the breaker').toEqual([
      'failure', 'failure', 'success', 'failure', 'failure', 'failure',
    ]);
    const whileOpen = [51, 500, 1049].map((now) => breaker.call(now, backend.request));
    expect(whileOpen, 'calls at t=51, 500 and 1049 ms, while open since t=50 ms').toEqual(['rejected', 'rejected', 'rejected']);
    expect(backend.calls(), 'backend calls: six before opening, none while open').toBe(6);
  });

  test('sends one probe after the cool-down and closes on success', () => {
    const breaker = new learner.CircuitBreaker({ failureThreshold: 2, coolDownMs: 500 });
    const backend = scriptedBackend([false, false, false, true, true, false]);
    const timeline = [0, 1, 501, 502, 1000, 1001, 1002, 1003];
    const outcomes = timeline.map((now) => breaker.call(now, backend.request));
    expect(outcomes, `outcomes at t = ${timeline.join(', ')} ms`).toEqual([
      'failure', 'failure', // opens at t=1
      'failure', // t=501: the probe fails, so it opens again at t=501
      'rejected', 'rejected', // until t=1001
      'success', // t=1001: the probe succeeds and closes the breaker
      'success', 'failure', // closed again: one failure does not open it
    ]);
    expect(backend.calls(), 'backend calls: two failures, two probes, two calls after closing').toBe(6);
  });
});
