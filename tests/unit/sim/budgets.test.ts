import { describe, expect, it } from 'vitest';
import { Simulation, SimBudgetError, SimConfigError } from '../../../src/sim/index.ts';

/** Two nodes that answer every message with another: a message storm that never ends on its own. */
function pingPong(options: { maxEvents?: number; maxTimeMs?: number }): Simulation {
  const sim = new Simulation({ seed: 1, ...options });
  sim.network.setDefault({ latency: { kind: 'constant', ms: 10 } });
  const echo = { onMessage: (ctx: { send(to: string, m: unknown): void }, from: string) => ctx.send(from, 'ping') };
  sim.addNode('A', { ...echo, onStart: (ctx) => ctx.send('B', 'ping') });
  sim.addNode('B', echo);
  return sim;
}

describe('budgets', () => {
  it('stops at maxEvents and says which budget, when, and what was being processed', () => {
    const sim = pingPong({ maxEvents: 100 });
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimBudgetError);
    const budget = error as SimBudgetError;
    expect(budget.budget).toBe('maxEvents');
    expect(budget.eventsProcessed).toBe(100);
    expect(budget.message).toBe(
      'Simulation stopped: more than 100 events (budget maxEvents) at t=980ms after 100 events, while processing: t=990ms  A → B  ping',
    );
  });

  it('stops when the next event lies after maxTimeMs', () => {
    const sim = pingPong({ maxTimeMs: 55 });
    expect(() => sim.run()).toThrow(/virtual time past 55ms \(budget maxTimeMs\) at t=50ms after 7 events, while processing: t=60ms  B → A  ping/);
  });

  it('runs up to untilMs without touching the budgets, then sets now', () => {
    const sim = pingPong({ maxTimeMs: 1000 });
    sim.run({ untilMs: 1000 });
    expect(sim.now).toBe(1000);
    expect(sim.stats.eventsProcessed).toBe(102);
  });
});

describe('bad configuration names the field and the value', () => {
  it.each([
    [{ seed: 0.5 }, /seed must be a safe integer, got 0.5/],
    [{ seed: 1, maxEvents: 0 }, /maxEvents must be a positive whole number, got 0/],
    [{ seed: 1, maxTimeMs: -1 }, /maxTimeMs must be a non-negative integer \(ms\), got -1/],
    [{ seed: 1, trace: 'yes' }, /trace must be true or false, got "yes"/],
  ])('new Simulation(%j)', (options, message) => {
    expect(() => new Simulation(options as never)).toThrow(message);
  });

  it('refuses events in the past and clients without a timeout', () => {
    const sim = new Simulation({ seed: 1 });
    sim.run({ untilMs: 100 });
    expect(() => sim.at(50, 'late', () => undefined)).toThrow(SimConfigError);
    expect(() => sim.at(50, 'late', () => undefined)).toThrow(/at: timeMs is in the past \(now is 100ms\), got 50/);
    expect(() => sim.run({ untilMs: 10 })).toThrow(/run: untilMs is in the past/);
    expect(() => sim.addClient('c', { timeoutMs: 0 })).toThrow(/addClient\("c"\): timeoutMs must be a positive integer \(ms\), got 0/);
    expect(() => sim.setClockSkew('nobody', 5)).toThrow(/setClockSkew: node is not a node or client of this simulation, got "nobody"/);
  });

  it('refuses to run from inside a handler', () => {
    const sim = new Simulation({ seed: 1 });
    sim.at(0, 'nested', () => sim.run());
    expect(() => sim.run()).toThrow(/sim.run was called from inside a handler or action/);
  });
});
