import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/sim/index.ts';
import { describePath, hopsOf, randomPath, runRequestPath, type Hop } from '../../../src/scenarios/request-path.ts';

const leaf = (node: string, networkMs: number, backMs: number, workMs: number): Hop => ({ node, networkMs, backMs, workMs });

describe('runRequestPath', () => {
  it('measures a straight path as the sum of both directions and the work', () => {
    const path: Hop = { ...leaf('lb', 2, 3, 1), calls: [{ ...leaf('app', 1, 4, 5), calls: [leaf('db', 2, 6, 9)] }] };
    expect(runRequestPath(path).latencyMs).toBe(2 + 1 + (1 + 5 + (2 + 9 + 6) + 4) + 3);
  });

  it('adds sequential calls and waits for the slowest parallel call', () => {
    const calls = [leaf('cache', 1, 1, 1), leaf('db', 3, 2, 8)];
    const sequential: Hop = { ...leaf('app', 1, 1, 5), calls };
    const parallel: Hop = { ...sequential, parallel: true };
    expect(runRequestPath(sequential).latencyMs).toBe(1 + 5 + 3 + 13 + 1);
    expect(runRequestPath(parallel).latencyMs).toBe(1 + 5 + 13 + 1);
  });

  it('records the request in the trace: it is sent and answered once, through every hop', () => {
    const path: Hop = { ...leaf('lb', 2, 2, 1), calls: [{ ...leaf('app', 1, 1, 5), parallel: true, calls: [leaf('cache', 1, 1, 1), leaf('db', 3, 2, 8)] }] };
    const run = runRequestPath(path);
    const deliveredTo = new Set(run.sim.trace.events().filter((event) => event.kind === 'deliver' || event.kind === 'request').map((event) => event.to));
    for (const hop of hopsOf(path)) expect(deliveredTo).toContain(hop.node);
    expect(run.sim.history()).toHaveLength(1);
    expect(run.operation.outcome).toBe('ok');
  });

  it('is deterministic: the same path gives the same fingerprint', () => {
    const path = randomPath(Rng.fromSeed(9));
    expect(runRequestPath(path, 3).sim.fingerprint()).toBe(runRequestPath(path, 3).sim.fingerprint());
  });
});

describe('randomPath', () => {
  it('draws the same tree for the same seed, with unique node names', () => {
    const first = randomPath(Rng.fromSeed(4));
    expect(randomPath(Rng.fromSeed(4))).toEqual(first);
    for (let seed = 1; seed <= 30; seed++) {
      const names = hopsOf(randomPath(Rng.fromSeed(seed))).map((hop) => hop.node);
      expect(new Set(names).size).toBe(names.length);
      expect(names[0]).toBe('lb');
    }
  });
});

describe('describePath', () => {
  it('shows each hop with its latencies and marks parallel calls', () => {
    const path: Hop = { ...leaf('app', 1, 2, 5), parallel: true, calls: [leaf('cache', 1, 1, 1), leaf('db', 3, 2, 8)] };
    expect(describePath(path)).toBe('app(→1 ←2 work 5) → [cache(→1 ←1 work 1) ‖ db(→3 ←2 work 8)]');
  });
});
