/**
 * Seeded, forkable random streams.
 *
 * Algorithm (written here so it needs no dependency and is easy to port): a stream's 32-bit seed is
 * FNV-1a over its parent's seed (4 bytes, little end first) followed by the UTF-16 code units of its name;
 * SplitMix32 expands that seed into the 128-bit state of SFC32 (Chris Doty-Humphrey's Small Fast Counter),
 * which passes PractRand and needs only 32-bit integer arithmetic, so Node and every browser agree bit for bit.
 * Forking depends only on the parent's seed and the name, never on how many numbers were drawn, so
 * adding or removing draws in one stream never shifts another.
 */
import { fnv1aString, FNV_OFFSET, FNV_PRIME } from './hash.ts';
import { SimConfigError } from './errors.ts';

export class Rng {
  /** The 32-bit seed this stream was created from. */
  readonly seed: number;
  /**
   * SFC32 state (a, b, c, counter). An Int32Array keeps the words unboxed in every engine; plain fields
   * would turn into boxed doubles wherever small integers are 31 bits (browsers with pointer compression).
   */
  private readonly state = new Int32Array(4);

  private constructor(seed32: number) {
    this.seed = seed32 >>> 0;
    let s = this.seed | 0;
    const splitMix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return z ^ (z >>> 16);
    };
    for (let i = 0; i < 4; i++) this.state[i] = splitMix();
    // SFC32's authors advise discarding the first outputs so weak seeds mix in.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The root stream of a run. `seed` is any safe integer (both 32-bit halves are used). */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed)) throw new SimConfigError('seed', seed, 'must be a safe integer');
    const low = seed >>> 0;
    const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
    return new Rng(mixWord(mixWord(FNV_OFFSET, low), high));
  }

  /** A new independent stream named `name`. Forking the same name twice gives the same stream. */
  fork(name: string): Rng {
    return new Rng(fnv1aString(mixWord(FNV_OFFSET, this.seed), name) >>> 0);
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const state = this.state;
    const a = state[0] as number;
    const b = state[1] as number;
    const c = state[2] as number;
    const d = state[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** A uniform number in [0, 1) with 32 random bits (exact in a double). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new SimConfigError('rng.int(min, max)', `${min}, ${max}`, 'needs integers with min ≤ max');
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. Always draws one number, so the stream advances the same way for every p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new SimConfigError('rng.pick(items)', '[]', 'needs at least one item');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = out[i] as T;
      out[i] = out[j] as T;
      out[j] = swap;
    }
    return out;
  }

  /** A `() => number` in [0, 1), the form learner code receives. */
  toFunction(): () => number {
    return () => this.next();
  }
}

/** FNV-1a over the four bytes of a 32-bit word. */
function mixWord(hash: number, word: number): number {
  let h = hash;
  for (let shift = 0; shift < 32; shift += 8) {
    h = Math.imul(h ^ ((word >>> shift) & 0xff), FNV_PRIME);
  }
  return h >>> 0;
}
