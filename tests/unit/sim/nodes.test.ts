import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Simulation, generateFaultPlan, type NodeContext } from '../../../src/sim/index.ts';
import { gossipSimulation, nodeIds } from './scenarios.ts';

describe('timers', () => {
  it('fire after their delay with their name and payload, and can be cancelled by id or by name', () => {
    const sim = new Simulation({ seed: 1 });
    const fired: string[] = [];
    sim.addNode('A', {
      onStart: (ctx) => {
        ctx.setTimer(10, 'keep', { n: 1 });
        const dropped = ctx.setTimer(20, 'drop-by-id');
        ctx.setTimer(30, 'drop-by-name');
        ctx.setTimer(40, 'drop-by-name');
        ctx.cancelTimer(dropped);
        ctx.cancelTimer('drop-by-name');
        ctx.setTimer(50, 'last');
      },
      onTimer: (ctx, name, payload) => void fired.push(`${ctx.now}:${name}:${JSON.stringify(payload)}`),
    });
    sim.run();
    expect(fired).toEqual(['10:keep:{"n":1}', '50:last:undefined']);
    expect(sim.stats.timersFired).toBe(2);
  });

  it('refuses a negative or fractional delay (an event in the past)', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', { onStart: (ctx) => void ctx.setTimer(-5, 'x') });
    expect(() => sim.run()).toThrow(/setTimer on A: delayMs must be a non-negative integer \(ms\), got -5/);
    const sim2 = new Simulation({ seed: 1 });
    sim2.addNode('A', { onStart: (ctx) => void ctx.setTimer(1.5, 'x') });
    expect(() => sim2.run()).toThrow(/got 1.5/);
  });
});

describe('crash and restart', () => {
  it('a crashed node handles nothing until it restarts (any fault plan)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const sim = gossipSimulation(seed, { trace: true });
        const plan = generateFaultPlan(seed, { nodes: sim.nodes, durationMs: 1500, minFaultMs: 50, minStableMs: 50, kinds: ['crash', 'pause', 'partition'] });
        sim.applyFaultPlan(plan);
        sim.run({ untilMs: 1600 });
        const down = new Set<string>();
        for (const e of sim.trace.events()) {
          if (e.kind === 'crash') down.add(e.node as string);
          if (e.kind === 'restart') down.delete(e.node as string);
          const handled = e.kind === 'deliver' || e.kind === 'timer' || e.kind === 'request';
          if (handled) expect(down.has(e.node as string)).toBe(false);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('loses volatile state and timers, keeps the disk, bumps the incarnation', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    const seen: string[] = [];
    sim.addNode('A', () => {
      let counter = 0;
      return {
        onStart: (ctx) => {
          seen.push(`start inc=${ctx.incarnation} counter=${counter} disk=${String(ctx.disk.get('boots'))}`);
          ctx.disk.set('boots', (ctx.disk.get<number>('boots') ?? 0) + 1);
          counter++;
          ctx.setTimer(100, 'late');
        },
        onTimer: (ctx) => void seen.push(`timer inc=${ctx.incarnation}`),
      };
    });
    sim.at(50, 'crash', () => sim.crash('A'));
    sim.at(120, 'restart', () => sim.restart('A'));
    sim.run({ untilMs: 300 });
    expect(seen).toEqual(['start inc=1 counter=0 disk=undefined', 'start inc=2 counter=0 disk=1', 'timer inc=2']);
    expect(sim.isUp('A')).toBe(true);
    // start, crash, restart, the new timer: the lost timer is cancelled, not even processed.
    expect(sim.stats.eventsProcessed).toBe(4);
  });

  it('drops messages that arrive while down, and messages sent to the previous incarnation', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.network.setDefault({ latency: { kind: 'constant', ms: 30 } });
    const got: number[] = [];
    sim.addNode('A', { onStart: (ctx) => { ctx.send('B', 1); ctx.setTimer(15, 'again'); }, onTimer: (ctx) => ctx.send('B', 2) });
    sim.addNode('B', { onMessage: (_ctx, _from, message) => void got.push(message as number) });
    sim.at(10, 'crash B', () => sim.crash('B'));
    sim.at(40, 'restart B', () => sim.restart('B'));
    sim.run();
    expect(got).toEqual([]);
    const drops = sim.trace.events().filter((e) => e.kind === 'drop').map((e) => `${e.time} ${e.reason}`);
    expect(drops).toEqual(['30 B is down', "45 sent to B's previous incarnation"]);
  });

  it('refuses to crash a node twice or restart a running one', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', {});
    sim.crash('A');
    expect(() => sim.crash('A')).toThrow(/crash: node is already down/);
    sim.restart('A');
    expect(() => sim.restart('A')).toThrow(/restart: node is not down/);
    expect(() => sim.crash('Z')).toThrow(/crash: node is not a node or client of this simulation, got "Z"/);
  });
});

describe('pause and resume', () => {
  it('keeps what comes due while paused and runs it at resume time, in the order it came due', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    sim.network.setDefault({ latency: { kind: 'constant', ms: 5 } });
    const log: string[] = [];
    sim.addNode('A', { onStart: (ctx) => { ctx.send('B', 'm1'); ctx.send('B', 'm2'); } });
    sim.addNode('B', {
      onStart: (ctx) => void ctx.setTimer(7, 't1'),
      onMessage: (ctx, _from, message) => void log.push(`${ctx.now} ${String(message)}`),
      onTimer: (ctx, name) => void log.push(`${ctx.now} ${name}`),
    });
    sim.at(1, 'pause', () => sim.pause('B'));
    sim.at(50, 'resume', () => sim.resume('B'));
    sim.run();
    expect(log).toEqual(['50 m1', '50 m2', '50 t1']);
  });

  it('a crash while paused discards the backlog', () => {
    const sim = new Simulation({ seed: 1, trace: true });
    const log: string[] = [];
    sim.addNode('A', { onStart: (ctx) => ctx.send('B', 'm1') });
    sim.addNode('B', { onMessage: () => void log.push('got') });
    sim.at(0, 'pause', () => sim.pause('B'));
    sim.at(20, 'crash', () => sim.crash('B'));
    sim.at(30, 'restart', () => sim.restart('B'));
    sim.run();
    expect(log).toEqual([]);
    expect(sim.trace.events().some((e) => e.kind === 'drop' && e.reason === 'B is down' && e.time === 20)).toBe(true);
  });
});

describe('clocks and context', () => {
  it('a skewed node reads true time plus its skew; timers still take true time', () => {
    const sim = new Simulation({ seed: 1 });
    const readings: string[] = [];
    sim.addNode('A', { onStart: (ctx) => void ctx.setTimer(100, 'read'), onTimer: (ctx) => void readings.push(`${sim.now}/${ctx.now}`) });
    sim.setClockSkew('A', -40);
    sim.run();
    expect(readings).toEqual(['100/60']);
  });

  it('freezes messages deeply so the receiver cannot change what the sender holds', () => {
    const sim = new Simulation({ seed: 1 });
    const state = { items: [1, 2], meta: { owner: 'A' } };
    let error: unknown;
    sim.addNode('A', { onStart: (ctx) => ctx.send('B', state) });
    sim.addNode('B', {
      onMessage: (_ctx, _from, message) => {
        try {
          (message as typeof state).items.push(3);
        } catch (e) {
          error = e;
        }
      },
    });
    sim.run();
    expect(error).toBeInstanceOf(TypeError);
    expect(Object.isFrozen(state.meta)).toBe(true);
    expect(state.items).toEqual([1, 2]);
  });

  it('refuses messages that are not plain data, saying where', () => {
    const run = (message: unknown): (() => void) => () => {
      const sim = new Simulation({ seed: 1 });
      sim.addNode('A', { onStart: (ctx) => ctx.send('A', message) });
      sim.run();
    };
    expect(run({ f: () => 1 })).toThrow(/send from A: message.f must be plain data/);
    expect(run({ when: new Map() })).toThrow(/send from A: message.when must be a plain object or array, got "Map"/);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(run(cyclic)).toThrow(/is it cyclic/);
  });

  it('refuses disk values that are not plain data, naming the node and the key', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', { onStart: (ctx) => ctx.disk.set('log', { at: new Set() }) });
    expect(() => sim.run()).toThrow(/disk.set on A \(key "log"\): message.at must be a plain object or array, got "Set"/);
  });

  it('refuses a ctx used outside its own handler, and sends to unknown nodes', () => {
    const sim = new Simulation({ seed: 1 });
    let saved: NodeContext | undefined;
    sim.addNode('A', { onStart: (ctx) => void (saved = ctx) });
    sim.addNode('B', { onStart: () => saved?.send('B', 'forged') });
    expect(() => sim.run()).toThrow(/ctx.send of node A was used outside A's own handler/);
    const sim2 = new Simulation({ seed: 1 });
    sim2.addNode('A', { onStart: (ctx) => ctx.send('Q', 1) });
    expect(() => sim2.run()).toThrow(/send from A: to is not a node of this simulation, got "Q"/);
  });

  it('lists peers in the order nodes were added', () => {
    const sim = new Simulation({ seed: 1 });
    const peers: string[][] = [];
    for (const id of nodeIds(3)) sim.addNode(id, { onStart: (ctx) => void peers.push([...ctx.peers]) });
    sim.run();
    expect(peers).toEqual([['n2', 'n3'], ['n1', 'n3'], ['n1', 'n2']]);
  });

  it('refuses duplicate ids and bad programs', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', {});
    expect(() => sim.addNode('A', {})).toThrow(/addNode\("A"\): id is already a node or client/);
    expect(() => sim.addNode('B', { onMessage: 3 } as never)).toThrow(/node B: onMessage must be a function, got "number"/);
    expect(sim.nodes).toEqual(['A']);
  });
});

describe('inspect', () => {
  it('shows a node from outside: state, disk and current behaviour (null while crashed)', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', () => {
      const counter = { value: 0 };
      return { counter, onStart: (ctx) => { counter.value++; ctx.disk.set('k', 1); } };
    });
    sim.run();
    const before = sim.inspect<{ counter: { value: number } }>('A');
    expect(before).toMatchObject({ id: 'A', up: true, paused: false, incarnation: 1, skewMs: 0 });
    expect(before.behaviour?.counter.value).toBe(1);
    sim.crash('A');
    expect(sim.inspect('A').behaviour).toBeNull();
    expect(sim.inspect('A').disk.get('k')).toBe(1);
  });
});

describe('handlers are synchronous', () => {
  it('refuses an async handler with a plain explanation', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', { onStart: async () => undefined });
    expect(() => sim.run()).toThrow(/node A: onStart must be synchronous \(no async, no await\): it ran outside virtual time, got "a Promise"/);
  });

  it('ignores whatever else a handler returns (a timer id, null)', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('A', { onStart: (ctx) => ctx.setTimer(1, 't'), onTimer: () => null as never });
    sim.run();
    expect(sim.stats.timersFired).toBe(1);
  });
});
