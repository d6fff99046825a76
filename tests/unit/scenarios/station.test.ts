import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/sim/index.ts';
import type { NodeBehaviour } from '../../../src/sim/index.ts';
import { capacityPerSec, station, type StationSpec } from '../../../src/scenarios/station.ts';

/** Feeds jobs 1..n into one station at the given times and records when each is done. */
function serve(spec: StationSpec, arrivals: readonly number[]): Map<number, number> {
  const sim = new Simulation({ seed: 1 });
  const done = new Map<number, number>();
  sim.addNode('s', (): NodeBehaviour => {
    const s = station<number>(spec, (job) => job, (ctx, job) => done.set(job, ctx.now));
    return {
      onMessage: (ctx, _from, job) => s.arrive(ctx, job as number),
      onTimer: (ctx, name, payload) => {
        s.onTimer(ctx, name, payload);
      },
    };
  });
  // Jobs arrive as messages from a sender node over a link that takes 0 ms.
  sim.addNode('sender', () => ({
    onStart: (ctx) => arrivals.forEach((at, i) => ctx.setTimer(at, 'send', i + 1)),
    onTimer: (ctx, _name, job) => ctx.send('s', job),
  }));
  sim.network.setLink('sender', 's', { latency: { kind: 'constant', ms: 0 } });
  sim.run();
  return done;
}

describe('station', () => {
  it('serves `workers` jobs at once, first come first served', () => {
    const done = serve({ workers: 2, service: { kind: 'constant', ms: 10 } }, [0, 0, 0, 0, 5]);
    expect([...done.entries()].sort(([a], [b]) => a - b)).toEqual([[1, 10], [2, 10], [3, 20], [4, 20], [5, 30]]);
  });

  it('holds the worker while a job waits for and holds the lock', () => {
    const done = serve({ workers: 4, service: { kind: 'constant', ms: 2 }, lockMs: 8 }, [0, 0, 0]);
    expect([...done.values()].sort((a, b) => a - b)).toEqual([10, 18, 26]);
  });

  it('refuses a station without workers', () => {
    expect(() => station({ workers: 0, service: { kind: 'constant', ms: 1 } }, (job: number) => job, () => {})).toThrow(/workers must be a positive whole number/);
  });

  it('knows its capacity', () => {
    expect(capacityPerSec({ workers: 3, service: { kind: 'exponential', meanMs: 20 } })).toBe(150);
    expect(capacityPerSec({ workers: 3, service: { kind: 'constant', ms: 20 }, lockMs: 10 })).toBe(100);
  });
});
