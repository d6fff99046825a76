import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng, SimConfigError } from '../../../src/sim/index.ts';

function draw(rng: Rng, count: number): number[] {
  return Array.from({ length: count }, () => rng.next());
}

describe('Rng', () => {
  it('gives the same numbers for the same seed and different ones for another seed', () => {
    expect(draw(Rng.fromSeed(7), 20)).toEqual(draw(Rng.fromSeed(7), 20));
    expect(draw(Rng.fromSeed(7), 20)).not.toEqual(draw(Rng.fromSeed(8), 20));
  });

  it('uses both halves of a large seed', () => {
    expect(draw(Rng.fromSeed(2 ** 40 + 1), 5)).not.toEqual(draw(Rng.fromSeed(1), 5));
  });

  it('forks by name only, so draws on the parent never shift a forked stream', () => {
    const fresh = Rng.fromSeed(3);
    const used = Rng.fromSeed(3);
    draw(used, 100);
    expect(draw(used.fork('link:A->B'), 10)).toEqual(draw(fresh.fork('link:A->B'), 10));
    expect(draw(fresh.fork('link:A->B'), 10)).not.toEqual(draw(fresh.fork('link:B->A'), 10));
  });

  it('keeps next() in [0, 1) and int() within its bounds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 100 }), (seed, min, span) => {
        const rng = Rng.fromSeed(seed);
        for (let i = 0; i < 50; i++) {
          const u = rng.next();
          expect(u >= 0 && u < 1).toBe(true);
          const n = rng.int(min, min + span);
          expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
        }
      }),
    );
  });

  it('is roughly uniform (each tenth of [0, 1) gets 10% ± 1% of 100 000 draws)', () => {
    const rng = Rng.fromSeed(11);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[Math.floor(rng.next() * 10)]! += 1;
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(1_000);
  });

  it('shuffles into a permutation and picks members', () => {
    const rng = Rng.fromSeed(5);
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect([...rng.shuffle(items)].sort()).toEqual(items);
    expect(items).toContain(rng.pick(items));
    const f = rng.toFunction();
    expect(typeof f()).toBe('number');
  });

  it('refuses seeds that are not safe integers, naming the field', () => {
    expect(() => Rng.fromSeed(1.5)).toThrow(SimConfigError);
    expect(() => Rng.fromSeed(Number.NaN)).toThrow(/seed must be a safe integer, got NaN/);
    expect(() => Rng.fromSeed(1).int(5, 1)).toThrow(/rng.int/);
    expect(() => Rng.fromSeed(1).pick([])).toThrow(/at least one item/);
  });
});
